package casework

// Timeline entries of a joint complaint's representatives and notices (R-L5).
const (
	JointAgreement      = Action("joint_agreement")       // the member's share of a joint agreement a representative signed
	JointChangeRequests = Action("joint_change_requests") // a representative changed the members' requests
	JointWaiveRequests  = Action("joint_waive_requests")  // a representative waived requests for the members
	JointNotice         = Action("joint_notice")          // one notice sent to every member
)
