package calendar

import (
	"encoding/json"
	"strings"
	"testing"
	"time"
)

func mustDate(t testing.TB, s string) Date {
	t.Helper()
	d, err := ParseDate(s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func TestParseDate(t *testing.T) {
	tests := []struct {
		in      string
		want    Date
		wantErr bool
	}{
		{in: "2026-05-13", want: Date{2026, time.May, 13}},
		{in: "2024-02-29", want: Date{2024, time.February, 29}}, // leap day
		{in: "0001-01-01", want: Date{1, time.January, 1}},
		{in: "2026-13-01", wantErr: true},
		{in: "2026-02-29", wantErr: true}, // not a leap year
		{in: "2026-04-31", wantErr: true},
		{in: "2026-5-13", wantErr: true},
		{in: "26-05-13", wantErr: true},
		{in: " 2026-05-13", wantErr: true},
		{in: "2026-05-13T00:00:00Z", wantErr: true},
		{in: "2026/05/13", wantErr: true},
		{in: "0000-01-01", wantErr: true},
		{in: "", wantErr: true},
	}
	for _, tt := range tests {
		got, err := ParseDate(tt.in)
		if tt.wantErr {
			want := `calendar: bad date "` + tt.in + `"`
			if err == nil || err.Error() != want {
				t.Errorf("ParseDate(%q) error = %v, want %s", tt.in, err, want)
			}
			continue
		}
		if err != nil || got != tt.want {
			t.Errorf("ParseDate(%q) = %v, %v; want %v", tt.in, got, err, tt.want)
		}
		if got.String() != tt.in {
			t.Errorf("ParseDate(%q).String() = %q", tt.in, got.String())
		}
	}
}

func TestDateOfIsShanghai(t *testing.T) {
	tests := []struct {
		in   time.Time
		want string
	}{
		{time.Date(2026, 4, 30, 15, 59, 59, 0, time.UTC), "2026-04-30"},
		{time.Date(2026, 4, 30, 16, 0, 0, 0, time.UTC), "2026-05-01"}, // 00:00 in Shanghai
		{time.Date(2026, 12, 31, 23, 0, 0, 0, time.FixedZone("PST", -8*3600)), "2027-01-01"},
	}
	for _, tt := range tests {
		if got := DateOf(tt.in).String(); got != tt.want {
			t.Errorf("DateOf(%v) = %s, want %s", tt.in, got, tt.want)
		}
	}
}

func TestStartAndDueAt(t *testing.T) {
	d := mustDate(t, "2026-05-13")
	if got, want := d.Start(), time.Date(2026, 5, 12, 16, 0, 0, 0, time.UTC); !got.Equal(want) {
		t.Errorf("Start = %v, want %v", got, want)
	}
	due := DueAt(d)
	if got, want := due, time.Date(2026, 5, 13, 16, 0, 0, 0, time.UTC); !got.Equal(want) {
		t.Errorf("DueAt = %v, want %v", got, want)
	}
	if last := due.Add(-time.Nanosecond); DateOf(last) != d {
		t.Errorf("the last instant before DueAt is on %s, want %s", DateOf(last), d)
	}
	if DateOf(due) != d.AddDays(1) {
		t.Errorf("DueAt falls on %s, want the next day", DateOf(due))
	}
}

func TestAddDaysWeekdayCompare(t *testing.T) {
	tests := []struct {
		from string
		n    int
		want string
		wd   time.Weekday // weekday of want
	}{
		{"2026-08-02", 60, "2026-10-01", time.Thursday},
		{"2026-04-15", 60, "2026-06-14", time.Sunday},
		{"2024-02-28", 1, "2024-02-29", time.Thursday},
		{"2026-12-31", 1, "2027-01-01", time.Friday},
		{"2026-01-01", -1, "2025-12-31", time.Wednesday},
		{"2026-02-14", 0, "2026-02-14", time.Saturday},
	}
	for _, tt := range tests {
		from := mustDate(t, tt.from)
		got := from.AddDays(tt.n)
		if got.String() != tt.want || got.Weekday() != tt.wd {
			t.Errorf("%s + %d = %s (%s), want %s (%s)", tt.from, tt.n, got, got.Weekday(), tt.want, tt.wd)
		}
		wantCmp := 0
		if tt.n > 0 {
			wantCmp = -1
		} else if tt.n < 0 {
			wantCmp = 1
		}
		if c := from.Compare(got); c != wantCmp || from.Before(got) != (wantCmp < 0) || from.After(got) != (wantCmp > 0) {
			t.Errorf("Compare(%s, %s) = %d, want %d", from, got, c, wantCmp)
		}
	}
}

func TestDateJSON(t *testing.T) {
	type doc struct {
		Due  Date `json:"due"`
		Done Date `json:"done,omitzero"`
	}
	b, err := json.Marshal(doc{Due: mustDate(t, "2026-10-15")})
	if err != nil || string(b) != `{"due":"2026-10-15"}` {
		t.Fatalf("Marshal = %s, %v", b, err)
	}
	var back doc
	if err := json.Unmarshal(b, &back); err != nil || back.Due != mustDate(t, "2026-10-15") {
		t.Fatalf("Unmarshal = %+v, %v", back, err)
	}
	if err := json.Unmarshal([]byte(`{"due":"2026-13-01"}`), &back); err == nil || !strings.Contains(err.Error(), `bad date "2026-13-01"`) {
		t.Errorf("Unmarshal of a bad date: err = %v", err)
	}
	if _, err := json.Marshal(struct{ D Date }{}); err == nil {
		t.Error("a zero Date without omitzero marshalled; want an error instead of 0000-00-00")
	}
}
