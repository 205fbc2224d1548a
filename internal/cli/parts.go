package cli

import (
	"context"

	"weiquan/internal/api/open311"
	"weiquan/internal/portal"
	"weiquan/internal/server"
	"weiquan/internal/service"
	"weiquan/internal/web"
)

// parts lists what serve mounts beside the JSON API, one line each.
var parts = []func(*service.Service) server.Part{
	func(svc *service.Service) server.Part { return open311.New(svc) },
	func(s *service.Service) server.Part { return web.New(s) },
	func(s *service.Service) server.Part { return portal.New(s, portal.Options{}) }, // the public portal under /portal/
}

// workers lists background loops serve runs until shutdown, one line each.
var workers = []func(ctx context.Context, svc *service.Service){
	func(ctx context.Context, svc *service.Service) { svc.RunScanner(ctx) }, // deadlines: reminders, breaches, escalation
	func(ctx context.Context, svc *service.Service) { svc.RunOutbox(ctx) },  // the outbox: messages to the 12345 centre and others
}
