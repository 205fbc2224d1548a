package service

import (
	"context"
	"time"

	"weiquan/internal/casework"
	"weiquan/internal/mediation"
	"weiquan/internal/store"
)

// AlertCallbackTask tells the station of a closed complaint in the callback sample that its
// callback is due: call the consumer back and record the satisfaction (R-L23).
const AlertCallbackTask = "callback_task"

func callbackAlert(ctx context.Context, tx *store.Tx, m *casework.Matter, cb mediation.Callback, now time.Time) error {
	id := m.ID
	return tx.AddAlert(ctx, &store.Alert{Kind: AlertCallbackTask, MatterID: &id, StationID: m.StationID, UserID: m.AssigneeID,
		Payload: map[string]any{"callback_id": cb.ID}, CreatedAt: now})
}
