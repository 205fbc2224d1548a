package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"strconv"
	"strings"
	"weiquan/internal/auth"
)

func runAPIKey(ctx context.Context, env *Env, args []string) error {
	if len(args) == 0 {
		return errors.New("usage: weiquan apikey create --name NAME | list | revoke ID")
	}
	sub, args := args[0], args[1:]
	fs := flag.NewFlagSet("apikey "+sub, flag.ContinueOnError)
	fs.SetOutput(env.Stderr)
	name := fs.String("name", "", "who the key is for, e.g. the 12345 centre")
	scope := fs.String("scope", "open311", "what the key opens: open311, hotline_12345 for the 12345 centre's work orders, or court for a court's system")
	courtID := fs.Int64("court", 0, "with --scope court: the court's station id, the only court the key speaks for")
	pos, err := parseInterleaved(fs, args)
	if err != nil {
		return err
	}
	svc, err := env.Open(ctx)
	if err != nil {
		return err
	}
	defer svc.Close()
	switch sub {
	case "create":
		if strings.TrimSpace(*name) == "" {
			return errors.New("--name is required / 请用 --name 指定密钥用途")
		}
		var key string
		var k auth.APIKey
		if *scope == auth.ScopeCourt {
			key, k, err = svc.CreateCourtAPIKey(ctx, auth.System, strings.TrimSpace(*name), *courtID)
		} else {
			key, k, err = svc.CreateScopedAPIKey(ctx, strings.TrimSpace(*name), *scope)
		}
		if err != nil {
			return err
		}
		fmt.Fprintf(env.Stderr, "API key %d for %q created; it is shown once / 密钥仅显示这一次：\n", k.ID, k.Name)
		fmt.Fprintln(env.Stdout, key)
	case "list":
		keys, err := svc.APIKeys(ctx, auth.System)
		if err != nil {
			return err
		}
		for _, k := range keys {
			state := "active"
			if k.RevokedAt != nil {
				state = "revoked " + k.RevokedAt.Format("2006-01-02")
			}
			fmt.Fprintf(env.Stdout, "%d\t%s\t%s\t%s\t%s\n", k.ID, k.Name, k.Scope, k.CreatedAt.Format("2006-01-02"), state)
		}
	case "revoke":
		if len(pos) != 1 {
			return errors.New("usage: weiquan apikey revoke ID")
		}
		id, err := strconv.ParseInt(pos[0], 10, 64)
		if err != nil {
			return fmt.Errorf("bad key id %q", pos[0])
		}
		if err := svc.RevokeAPIKey(ctx, id); err != nil {
			return err
		}
		fmt.Fprintf(env.Stdout, "API key %d revoked\n", id)
	default:
		return fmt.Errorf("unknown apikey command %q (create, list, revoke)", sub)
	}
	return nil
}
