package casework

// Timeline-only actions of the office's connections (issue 14).
const (
	WorkOrder Action = "work_order" // a step of the 12345 work order, by the centre or the office (R-L27)
	Delivery  Action = "delivery"   // an attempt to deliver a message of the outbox: sent, failed, given up
	Call      Action = "call"       // a phone call taken on the hotline desk that became this matter
)
