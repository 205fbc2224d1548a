package casework

import "time"

// Attachment is a file kept with a matter: a photo of a receipt, a contract, a letter.
type Attachment struct {
	ID          int64
	MatterID    int64
	Name        string
	ContentType string
	Size        int64
	SHA256      string
	UploadedBy  *int64
	CreatedAt   time.Time
	Data        []byte // only filled by Attachment, never by listings
}
