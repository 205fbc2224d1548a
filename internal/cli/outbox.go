package cli

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"strconv"
	"time"

	"weiquan/internal/auth"
	"weiquan/internal/hotline"
	"weiquan/internal/invalid"
	"weiquan/internal/notify"
	"weiquan/internal/service"
)

// applyOutbox gives the outbox its senders and its retry policy from the flags. Without
// --hotline-url the 12345 centre's messages wait in the outbox until one is set.
func applyOutbox(env *Env, svc *service.Service) error {
	pol := notify.DefaultPolicy
	if env.OutboxAttempts != "" {
		n, err := strconv.Atoi(env.OutboxAttempts)
		if err != nil || n < 1 || n > 100 {
			return fmt.Errorf("--outbox-attempts %q: want a number from 1 to 100", env.OutboxAttempts)
		}
		pol.Attempts = n
	}
	svc.SetDeliveryPolicy(pol)
	if env.HotlineURL == "" {
		return nil
	}
	u, err := url.Parse(env.HotlineURL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return fmt.Errorf("--hotline-url %q: want http://host/path or https://host/path", env.HotlineURL)
	}
	svc.SetSender(notify.Hotline, &hotline.Sender{URL: env.HotlineURL, Secret: env.HotlineSecret, Token: env.HotlineToken,
		Client: &http.Client{Timeout: 15 * time.Second}, Mapping: svc.HotlineMapping})
	return nil
}

// runWorkOrders takes a file of the centre's messages — a JSON array or one object a
// line — in the city's format, all or nothing, as the API's inbound door does.
func runWorkOrders(ctx context.Context, env *Env, args []string) error {
	if len(args) != 2 || args[0] != "import" {
		return errors.New("usage: weiquan workorders import FILE.json|FILE.jsonl")
	}
	raw, err := os.ReadFile(args[1])
	if err != nil {
		return err
	}
	docs, err := readOrderFile(raw)
	if err != nil {
		return fmt.Errorf("%s: %w", args[1], err)
	}
	svc, err := env.Open(ctx)
	if err != nil {
		return err
	}
	defer svc.Close()
	orders, err := svc.ReceiveBatchFromCentre(ctx, auth.Principal{System: true, Hotline: true}, docs)
	if fe, ok := invalid.As(err); ok {
		for _, f := range fe {
			fmt.Fprintf(env.Stderr, "%s: %s\n", f.Field, f.Code)
		}
		return fmt.Errorf("%d problems; nothing was taken / 有 %d 处错误，未导入任何工单", len(fe), len(fe))
	}
	if err != nil {
		return err
	}
	for _, o := range orders {
		fmt.Fprintf(env.Stdout, "%s\t%s\t%s\n", o.OrderNo, o.State, o.MatterNumber)
	}
	return nil
}

func readOrderFile(raw []byte) ([]map[string]any, error) {
	raw = bytes.TrimPrefix(bytes.TrimSpace(raw), []byte("\xef\xbb\xbf"))
	var docs []map[string]any
	if bytes.HasPrefix(raw, []byte("[")) {
		if err := json.Unmarshal(raw, &docs); err != nil {
			return nil, err
		}
		return docs, nil
	}
	sc := bufio.NewScanner(bytes.NewReader(raw))
	sc.Buffer(make([]byte, 0, 64*1024), 4<<20)
	for line := 1; sc.Scan(); line++ {
		if len(bytes.TrimSpace(sc.Bytes())) == 0 {
			continue
		}
		var d map[string]any
		if err := json.Unmarshal(sc.Bytes(), &d); err != nil {
			return nil, fmt.Errorf("line %d: %w", line, err)
		}
		docs = append(docs, d)
	}
	if len(docs) == 0 {
		return nil, errors.New("no work orders in the file")
	}
	return docs, sc.Err()
}
