package api

import (
	"errors"
	"net/http"

	"weiquan/internal/auth"
	"weiquan/internal/httpio"
	"weiquan/internal/i18n"
	"weiquan/internal/service"
)

type loginRequest struct {
	Username string `json:"username"`
	Password string `json:"password"`
}

type loginResponse struct {
	Token string   `json:"token"`
	User  userView `json:"user"`
}

func (h *Handler) createSession(w http.ResponseWriter, r *http.Request) {
	var req loginRequest
	if err := decode(w, r, &req); err != nil {
		fail(w, r, err)
		return
	}
	tok, u, err := h.svc.Login(r.Context(), auth.Anonymous(httpio.ClientAddr(r)), req.Username, req.Password)
	if errors.Is(err, service.ErrRateLimited) {
		writeJSON(w, http.StatusTooManyRequests, ErrorBody{Errors: []FieldError{{Field: "", Code: "rate_limited",
			Message: i18n.T(Lang(r), "err.signin_throttled")}}})
		return
	}
	if errors.Is(err, service.ErrUnauthorized) {
		writeJSON(w, http.StatusUnauthorized, ErrorBody{Errors: []FieldError{{Field: "password", Code: "bad_credentials",
			Message: i18n.T(Lang(r), "err.bad_credentials")}}})
		return
	}
	if err != nil {
		fail(w, r, err)
		return
	}
	httpio.SetSessionCookie(w, r, tok, int(h.svc.SessionMax().Seconds()))
	writeJSON(w, http.StatusCreated, loginResponse{Token: tok, User: viewUser(u)})
}

func (h *Handler) deleteSession(w http.ResponseWriter, r *http.Request) {
	if err := h.svc.Logout(r.Context(), httpio.Token(r)); err != nil {
		fail(w, r, err)
		return
	}
	httpio.SetSessionCookie(w, r, "", -1)
	w.WriteHeader(http.StatusNoContent)
}

func (h *Handler) me(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, http.StatusOK, viewUser(*UserFrom(r.Context())))
}
