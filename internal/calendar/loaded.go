package calendar

import "time"

// YearCount is one loaded year of the official calendar.
type YearCount struct {
	Year int `json:"year"`
	Days int `json:"days"` // listed holidays and make-up working days
}

// Load is the latest load of one calendar year: who put it in place and when,
// shown beside the year so an admin can tell a shipped notice from one loaded by hand.
type Load struct {
	Year     int       `json:"year"`
	Days     int       `json:"days"`
	Workdays int       `json:"workdays"`
	By       string    `json:"loaded_by"`
	At       time.Time `json:"loaded_at"`
	Loads    int       `json:"loads"` // how many times the year was loaded
}
