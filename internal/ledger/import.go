package ledger

import "time"

// Import records one committed ledger file.
type Import struct {
	ID        int64     `json:"id"`
	FileName  string    `json:"file_name"`
	SHA256    string    `json:"sha256"`
	Format    string    `json:"format"`
	Rows      int       `json:"rows"`
	Imported  int       `json:"imported"`
	Skipped   int       `json:"skipped"`
	ActorID   *int64    `json:"actor_id,omitempty"`
	ActorName string    `json:"actor_name"`
	At        time.Time `json:"at"`
}
