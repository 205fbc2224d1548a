package casework

// DeclineOffer is the consumer turning down a merchant's offer on the portal (SPEC C12): a
// timeline entry only; the complaint goes on as before.
const DeclineOffer Action = "decline_offer"

// PortalActions lists the timeline-only actions a consumer takes on the portal.
var PortalActions = []Action{DeclineOffer}
