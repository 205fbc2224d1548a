package casework

// Timeline entries of a matter's place in a collective case (SPEC C8).
const (
	CollectiveProposed  Action = "collective_proposed"  // detection found it alike to other open matters against its merchant
	CollectiveConfirmed Action = "collective_confirmed" // a supervisor confirmed the collective case: handled together
	CollectiveRejected  Action = "collective_rejected"  // a supervisor rejected the proposal: handled alone
)

// Timeline entries of a joint complaint (R-L5).
const (
	CollectiveConsent = Action("collective_consent") // the member consented to the joint complaint
	CollectiveElect   = Action("collective_elect")   // the member was elected a representative, with the written election
)
