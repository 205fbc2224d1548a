package service

import (
	"context"

	"weiquan/internal/auth"
)

type principalKey struct{}

// WithPrincipal records who asks, for handlers that read it back and for commands
// that name the actor in the audit log.
func WithPrincipal(ctx context.Context, p auth.Principal) context.Context {
	ctx = context.WithValue(ctx, principalKey{}, p)
	if p.User != nil {
		ctx = WithUser(ctx, p.User)
	}
	return ctx
}

// PrincipalFrom returns who asks in a request: the principal its guard recorded,
// else an anonymous member of the public.
func PrincipalFrom(ctx context.Context) auth.Principal {
	if p, ok := ctx.Value(principalKey{}).(auth.Principal); ok {
		return p
	}
	if u := UserFrom(ctx); u != nil {
		return auth.As(u)
	}
	return auth.Principal{}
}
