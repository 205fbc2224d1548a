package casework

// Timeline entries of a matter's place in a collective case (SPEC C8).
const (
	CollectiveProposed  Action = "collective_proposed"  // detection found it alike to other open matters against its merchant
	CollectiveConfirmed Action = "collective_confirmed" // a supervisor confirmed the collective case: handled together
	CollectiveRejected  Action = "collective_rejected"  // a supervisor rejected the proposal: handled alone
)
