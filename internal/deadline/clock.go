package deadline

import "weiquan/internal/casework"

// Clock is a live deadline with the matter it runs on, a row of the supervisor's board.
type Clock struct {
	Row
	Number      string           `json:"number"`
	MatterKind  casework.Kind    `json:"matter_kind"`
	State       casework.State   `json:"state"`
	Channel     casework.Channel `json:"channel"`
	Level       string           `json:"level,omitempty"`
	AreaID      *int64           `json:"area_id,omitempty"`
	StationID   *int64           `json:"station_id,omitempty"`
	StationName string           `json:"station_name,omitempty"`
	AssigneeID  *int64           `json:"assignee_id,omitempty"`
}

// Counts sums up the board: what runs, what is late, what stands still or cannot be counted.
type Counts struct {
	Running int `json:"running"`
	Overdue int `json:"overdue"`
	Paused  int `json:"paused"`
	Missing int `json:"calendar_missing"` // R-L43
	// Bound, when not 0, is where the counting stopped (a wide scope of a
	// large office): a count of Bound+1 reads "more than Bound".
	Bound int `json:"bound,omitempty"`
}

// More reports whether count n stands for "more than Bound".
func (c Counts) More(n int) bool { return c.Bound > 0 && n > c.Bound }
