package api

import (
	_ "embed"
	"net/http"
)

// openapiDoc describes every route of Routes; TestOpenAPICoversRoutes keeps them in step.
//
//go:embed openapi.json
var openapiDoc []byte

func (h *Handler) openAPI(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Access-Control-Allow-Origin", "*")
	_, _ = w.Write(openapiDoc)
}
