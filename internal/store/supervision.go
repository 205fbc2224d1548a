package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"weiquan/internal/supervise"
)

// --- questionnaires -------------------------------------------------------------------------

// InsertQuestionnaire stores a questionnaire as designed and sets its id.
func (t *Tx) InsertQuestionnaire(ctx context.Context, q *supervise.Questionnaire, by *int64) error {
	b, err := json.Marshal(q.Questions)
	if err != nil {
		return err
	}
	err = t.tx.QueryRowContext(ctx, `INSERT INTO questionnaires (title, intro, questions, open, created_by, created_at)
		VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`, q.Title, q.Intro, string(b), q.Open, by, utc(q.CreatedAt)).Scan(&q.ID)
	if err != nil {
		return fmt.Errorf("store: insert questionnaire: %w", err)
	}
	return nil
}

// SetQuestionnaireOpen opens or closes a questionnaire to answers.
func (t *Tx) SetQuestionnaireOpen(ctx context.Context, id int64, open bool) error {
	res, err := t.tx.ExecContext(ctx, `UPDATE questionnaires SET open = $1 WHERE id = $2`, open, id)
	if err != nil {
		return fmt.Errorf("store: questionnaire %d: %w", id, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return ErrNotFound
	}
	return nil
}

const questionnaireCols = `q.id, q.title, q.intro, q.questions, q.open, q.created_at,
	(SELECT COUNT(*) FROM questionnaire_links l WHERE l.questionnaire_id = q.id),
	(SELECT COUNT(*) FROM questionnaire_links l WHERE l.questionnaire_id = q.id AND l.answered_at IS NOT NULL)`

func scanQuestionnaire(row interface{ Scan(...any) error }) (supervise.Questionnaire, error) {
	var q supervise.Questionnaire
	var qs string
	if err := row.Scan(&q.ID, &q.Title, &q.Intro, &qs, &q.Open, &q.CreatedAt, &q.Links, &q.Answered); err != nil {
		return q, err
	}
	q.CreatedAt = q.CreatedAt.UTC()
	return q, json.Unmarshal([]byte(qs), &q.Questions)
}

// Questionnaire reads one questionnaire.
func (s *Store) Questionnaire(ctx context.Context, id int64) (supervise.Questionnaire, error) {
	q, err := scanQuestionnaire(s.r.QueryRowContext(ctx, "SELECT "+questionnaireCols+" FROM questionnaires q WHERE q.id = $1", id))
	if errors.Is(err, sql.ErrNoRows) {
		return q, ErrNotFound
	} else if err != nil {
		return q, fmt.Errorf("store: questionnaire %d: %w", id, err)
	}
	return q, nil
}

// Questionnaires lists every questionnaire, newest first.
func (s *Store) Questionnaires(ctx context.Context) ([]supervise.Questionnaire, error) {
	rows, err := s.r.QueryContext(ctx, "SELECT "+questionnaireCols+" FROM questionnaires q ORDER BY q.id DESC LIMIT 200")
	if err != nil {
		return nil, fmt.Errorf("store: questionnaires: %w", err)
	}
	defer rows.Close()
	var out []supervise.Questionnaire
	for rows.Next() {
		q, err := scanQuestionnaire(rows)
		if err != nil {
			return nil, fmt.Errorf("store: questionnaires: %w", err)
		}
		out = append(out, q)
	}
	return out, rows.Err()
}

// InsertQuestionnaireLink keeps a link's token hash, for a matter's consumer or for anyone.
func (t *Tx) InsertQuestionnaireLink(ctx context.Context, qid int64, tokenHash string, matterID *int64, now time.Time) (int64, error) {
	var id int64
	err := t.tx.QueryRowContext(ctx, `INSERT INTO questionnaire_links (questionnaire_id, token_hash, matter_id, created_at)
		VALUES ($1, $2, $3, $4) RETURNING id`, qid, tokenHash, matterID, utc(now)).Scan(&id)
	if err != nil {
		return 0, fmt.Errorf("store: insert questionnaire link: %w", err)
	}
	return id, nil
}

// QuestionnaireLink is a link as the public page finds it by its token's hash.
type QuestionnaireLink struct {
	ID              int64
	QuestionnaireID int64
	AnsweredAt      *time.Time
}

// LinkByToken finds a link by its token's hash; lock it in a transaction that answers it.
func (t *Tx) LinkByToken(ctx context.Context, tokenHash string) (QuestionnaireLink, error) {
	return linkByToken(ctx, t.tx, tokenHash, t.forUpdate())
}

// LinkByToken finds a link by its token's hash.
func (s *Store) LinkByToken(ctx context.Context, tokenHash string) (QuestionnaireLink, error) {
	return linkByToken(ctx, s.r, tokenHash, "")
}

func linkByToken(ctx context.Context, q querier, tokenHash, lock string) (QuestionnaireLink, error) {
	var l QuestionnaireLink
	var at sql.NullTime
	err := q.QueryRowContext(ctx, `SELECT id, questionnaire_id, answered_at FROM questionnaire_links WHERE token_hash = $1`+lock, tokenHash).
		Scan(&l.ID, &l.QuestionnaireID, &at)
	if errors.Is(err, sql.ErrNoRows) {
		return l, ErrNotFound
	} else if err != nil {
		return l, fmt.Errorf("store: questionnaire link: %w", err)
	}
	l.AnsweredAt = nullTime(at)
	return l, nil
}

// AnswerLink stores a link's answers, once: a link answered already is left as it is and
// reports false.
func (t *Tx) AnswerLink(ctx context.Context, linkID int64, answers []supervise.Answer, now time.Time) (bool, error) {
	b, err := json.Marshal(answers)
	if err != nil {
		return false, err
	}
	res, err := t.tx.ExecContext(ctx, `UPDATE questionnaire_links SET answers = $1, answered_at = $2 WHERE id = $3 AND answered_at IS NULL`,
		string(b), utc(now), linkID)
	if err != nil {
		return false, fmt.Errorf("store: answer link: %w", err)
	}
	n, _ := res.RowsAffected()
	return n == 1, nil
}

// QuestionnaireAnswers lists the answers given to a questionnaire, oldest first.
func (s *Store) QuestionnaireAnswers(ctx context.Context, qid int64) ([][]supervise.Answer, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT answers FROM questionnaire_links WHERE questionnaire_id = $1 AND answered_at IS NOT NULL
		ORDER BY answered_at, id`, qid)
	if err != nil {
		return nil, fmt.Errorf("store: answers: %w", err)
	}
	defer rows.Close()
	var out [][]supervise.Answer
	for rows.Next() {
		var b string
		if err := rows.Scan(&b); err != nil {
			return nil, err
		}
		var as []supervise.Answer
		if err := json.Unmarshal([]byte(b), &as); err != nil {
			return nil, fmt.Errorf("store: answers: %w", err)
		}
		out = append(out, as)
	}
	return out, rows.Err()
}

// --- visits and samples ---------------------------------------------------------------------

// InsertVisit stores a mystery-shopping visit.
func (t *Tx) InsertVisit(ctx context.Context, v *supervise.Visit, by *int64) error {
	err := t.tx.QueryRowContext(ctx, `INSERT INTO supervision_visits (merchant_id, merchant_name, visited_on, visitors, topic, result,
		findings, created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
		v.MerchantID, v.MerchantName, v.VisitedOn, v.Visitors, v.Topic, string(v.Result), v.Findings, by, utc(v.CreatedAt)).Scan(&v.ID)
	if err != nil {
		return fmt.Errorf("store: insert visit: %w", err)
	}
	return nil
}

// Visits lists the visits, newest first.
func (s *Store) Visits(ctx context.Context) ([]supervise.Visit, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT id, merchant_id, merchant_name, visited_on, visitors, topic, result, findings, created_at
		FROM supervision_visits ORDER BY visited_on DESC, id DESC LIMIT 500`)
	if err != nil {
		return nil, fmt.Errorf("store: visits: %w", err)
	}
	defer rows.Close()
	var out []supervise.Visit
	for rows.Next() {
		var v supervise.Visit
		var mid sql.NullInt64
		if err := rows.Scan(&v.ID, &mid, &v.MerchantName, &v.VisitedOn, &v.Visitors, &v.Topic, &v.Result, &v.Findings, &v.CreatedAt); err != nil {
			return nil, fmt.Errorf("store: visits: %w", err)
		}
		v.MerchantID, v.CreatedAt = nullID(mid), v.CreatedAt.UTC()
		out = append(out, v)
	}
	return out, rows.Err()
}

const sampleCols = `id, product, brand, batch, merchant_id, merchant_name, sampled_on, lab, result, items, report_no, result_on, published_at, created_at`

func scanSample(row interface{ Scan(...any) error }) (supervise.Sample, error) {
	var s supervise.Sample
	var mid sql.NullInt64
	var pub sql.NullTime
	err := row.Scan(&s.ID, &s.Product, &s.Brand, &s.Batch, &mid, &s.MerchantName, &s.SampledOn, &s.Lab, &s.Result, &s.Items,
		&s.ReportNo, &s.ResultOn, &pub, &s.CreatedAt)
	s.MerchantID, s.PublishedAt, s.CreatedAt = nullID(mid), nullTime(pub), s.CreatedAt.UTC()
	return s, err
}

// InsertSample stores a sample as taken.
func (t *Tx) InsertSample(ctx context.Context, s *supervise.Sample, by *int64) error {
	err := t.tx.QueryRowContext(ctx, `INSERT INTO supervision_samples (product, brand, batch, merchant_id, merchant_name, sampled_on, lab,
		result, created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
		s.Product, s.Brand, s.Batch, s.MerchantID, s.MerchantName, s.SampledOn, s.Lab, string(s.Result), by, utc(s.CreatedAt)).Scan(&s.ID)
	if err != nil {
		return fmt.Errorf("store: insert sample: %w", err)
	}
	return nil
}

// LockSample reads a sample for a command.
func (t *Tx) LockSample(ctx context.Context, id int64) (supervise.Sample, error) {
	s, err := scanSample(t.tx.QueryRowContext(ctx, "SELECT "+sampleCols+" FROM supervision_samples WHERE id = $1"+t.forUpdate(), id))
	if errors.Is(err, sql.ErrNoRows) {
		return s, ErrNotFound
	} else if err != nil {
		return s, fmt.Errorf("store: sample %d: %w", id, err)
	}
	return s, nil
}

// UpdateSample writes a sample's result and publication.
func (t *Tx) UpdateSample(ctx context.Context, s *supervise.Sample) error {
	_, err := t.tx.ExecContext(ctx, `UPDATE supervision_samples SET result = $1, items = $2, report_no = $3, result_on = $4, published_at = $5
		WHERE id = $6`, string(s.Result), s.Items, s.ReportNo, s.ResultOn, utcPtr(s.PublishedAt), s.ID)
	if err != nil {
		return fmt.Errorf("store: sample %d: %w", s.ID, err)
	}
	return nil
}

// Samples lists samples, newest first; published only keeps those made public.
func (s *Store) Samples(ctx context.Context, published bool) ([]supervise.Sample, error) {
	where := ""
	if published {
		where = " WHERE published_at IS NOT NULL"
	}
	rows, err := s.r.QueryContext(ctx, "SELECT "+sampleCols+" FROM supervision_samples"+where+" ORDER BY sampled_on DESC, id DESC LIMIT 500")
	if err != nil {
		return nil, fmt.Errorf("store: samples: %w", err)
	}
	defer rows.Close()
	var out []supervise.Sample
	for rows.Next() {
		x, err := scanSample(rows)
		if err != nil {
			return nil, fmt.Errorf("store: samples: %w", err)
		}
		out = append(out, x)
	}
	return out, rows.Err()
}

// --- inspectors and draws -------------------------------------------------------------------

// Inspector is an officer who may be drawn, with the merchants they declared a conflict with.
type Inspector struct {
	ID        int64   `json:"id"`
	Name      string  `json:"name"`
	Unit      string  `json:"unit,omitempty"`
	Active    bool    `json:"active"`
	Conflicts []int64 `json:"conflicts,omitempty"`
}

// InsertInspector stores an inspector.
func (t *Tx) InsertInspector(ctx context.Context, i *Inspector, now time.Time) error {
	err := t.tx.QueryRowContext(ctx, `INSERT INTO inspectors (name, unit, active, created_at) VALUES ($1, $2, $3, $4) RETURNING id`,
		i.Name, i.Unit, i.Active, utc(now)).Scan(&i.ID)
	if err != nil {
		return fmt.Errorf("store: insert inspector: %w", err)
	}
	return nil
}

// DeclareConflict records an inspector's conflict with a merchant; twice is once.
func (t *Tx) DeclareConflict(ctx context.Context, inspectorID, merchantID int64, reason string, now time.Time) error {
	_, err := t.tx.ExecContext(ctx, `INSERT INTO inspector_conflicts (inspector_id, merchant_id, reason, declared_at) VALUES ($1, $2, $3, $4)
		ON CONFLICT (inspector_id, merchant_id) DO NOTHING`, inspectorID, merchantID, reason, utc(now))
	if err != nil {
		return fmt.Errorf("store: declare conflict: %w", err)
	}
	return nil
}

// Inspectors lists the inspectors with their declared conflicts, by id.
func (s *Store) Inspectors(ctx context.Context) ([]Inspector, error) {
	return inspectors(ctx, s.r)
}

// Inspectors lists the inspectors in a transaction.
func (t *Tx) Inspectors(ctx context.Context) ([]Inspector, error) {
	return inspectors(ctx, t.tx)
}

func inspectors(ctx context.Context, q querier) ([]Inspector, error) {
	rows, err := q.QueryContext(ctx, `SELECT i.id, i.name, i.unit, i.active, c.merchant_id FROM inspectors i
		LEFT JOIN inspector_conflicts c ON c.inspector_id = i.id ORDER BY i.id, c.merchant_id`)
	if err != nil {
		return nil, fmt.Errorf("store: inspectors: %w", err)
	}
	defer rows.Close()
	var out []Inspector
	for rows.Next() {
		var i Inspector
		var m sql.NullInt64
		if err := rows.Scan(&i.ID, &i.Name, &i.Unit, &i.Active, &m); err != nil {
			return nil, fmt.Errorf("store: inspectors: %w", err)
		}
		if n := len(out); n == 0 || out[n-1].ID != i.ID {
			out = append(out, i)
		}
		if m.Valid {
			out[len(out)-1].Conflicts = append(out[len(out)-1].Conflicts, m.Int64)
		}
	}
	return out, rows.Err()
}

// DrawPool is the registry's merchants with the day each was last inspected — by a visit on
// record or a draw that picked it — for the draw's pool, by id: online shops and merchants
// outside the office's area are not inspected on site, so they are not in it.
func (t *Tx) DrawPool(ctx context.Context) ([]supervise.Candidate, error) {
	rows, err := t.tx.QueryContext(ctx, `SELECT m.id, m.name, COALESCE((SELECT MAX(v.visited_on) FROM supervision_visits v WHERE v.merchant_id = m.id), '')
		FROM merchants m WHERE m.type <> 'online_shop' AND m.outside_area = $1 ORDER BY m.id`, false)
	if err != nil {
		return nil, fmt.Errorf("store: draw pool: %w", err)
	}
	defer rows.Close()
	var out []supervise.Candidate
	for rows.Next() {
		var c supervise.Candidate
		if err := rows.Scan(&c.ID, &c.Name, &c.LastInspected); err != nil {
			return nil, fmt.Errorf("store: draw pool: %w", err)
		}
		out = append(out, c)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	// A merchant a past draw picked counts as inspected on that draw's day.
	draws, err := drawsOf(ctx, t.tx, " WHERE status = 'drawn'")
	if err != nil {
		return nil, err
	}
	last := map[int64]string{}
	for _, d := range draws {
		for _, p := range d.Result {
			if d.AsOf > last[p.Merchant] {
				last[p.Merchant] = d.AsOf
			}
		}
	}
	for i := range out {
		if l := last[out[i].ID]; l > out[i].LastInspected {
			out[i].LastInspected = l
		}
	}
	return out, nil
}

// Draw is a draw as stored: its title, its published inputs and commitment, and once drawn
// its result.
type Draw struct {
	ID          int64      `json:"id"`
	Title       string     `json:"title"`
	Status      string     `json:"status"` // published | drawn
	PublishedAt time.Time  `json:"published_at"`
	DrawnAt     *time.Time `json:"drawn_at,omitempty"`
	supervise.Published
}

const drawCols = `id, title, status, inputs, commitment, result, published_at, drawn_at`

func scanDraw(row interface{ Scan(...any) error }) (Draw, error) {
	var d Draw
	var in, res string
	var at sql.NullTime
	if err := row.Scan(&d.ID, &d.Title, &d.Status, &in, &d.Commitment, &res, &d.PublishedAt, &at); err != nil {
		return d, err
	}
	d.PublishedAt, d.DrawnAt = d.PublishedAt.UTC(), nullTime(at)
	if err := json.Unmarshal([]byte(in), &d.Inputs); err != nil {
		return d, err
	}
	if res != "" {
		if err := json.Unmarshal([]byte(res), &d.Result); err != nil {
			return d, err
		}
	}
	return d, nil
}

// InsertDraw publishes a draw's inputs and commitment, before it is drawn.
func (t *Tx) InsertDraw(ctx context.Context, d *Draw, by *int64) error {
	b, err := json.Marshal(d.Inputs)
	if err != nil {
		return err
	}
	err = t.tx.QueryRowContext(ctx, `INSERT INTO supervision_draws (title, status, inputs, commitment, published_at, created_by)
		VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`, d.Title, d.Status, string(b), d.Commitment, utc(d.PublishedAt), by).Scan(&d.ID)
	if err != nil {
		return fmt.Errorf("store: insert draw: %w", err)
	}
	return nil
}

// LockDraw reads a draw for the command that draws it.
func (t *Tx) LockDraw(ctx context.Context, id int64) (Draw, error) {
	d, err := scanDraw(t.tx.QueryRowContext(ctx, "SELECT "+drawCols+" FROM supervision_draws WHERE id = $1"+t.forUpdate(), id))
	if errors.Is(err, sql.ErrNoRows) {
		return d, ErrNotFound
	} else if err != nil {
		return d, fmt.Errorf("store: draw %d: %w", id, err)
	}
	return d, nil
}

// SetDrawResult records the result of a published draw: once.
func (t *Tx) SetDrawResult(ctx context.Context, d *Draw) error {
	b, err := json.Marshal(d.Result)
	if err != nil {
		return err
	}
	res, err := t.tx.ExecContext(ctx, `UPDATE supervision_draws SET status = 'drawn', result = $1, drawn_at = $2 WHERE id = $3 AND status = 'published'`,
		string(b), utcPtr(d.DrawnAt), d.ID)
	if err != nil {
		return fmt.Errorf("store: draw %d: %w", d.ID, err)
	}
	if n, _ := res.RowsAffected(); n != 1 {
		return ErrNotFound
	}
	return nil
}

// DrawByID reads one draw.
func (s *Store) DrawByID(ctx context.Context, id int64) (Draw, error) {
	ds, err := drawsOf(ctx, s.r, " WHERE id = $1", id)
	if err != nil {
		return Draw{}, err
	}
	if len(ds) == 0 {
		return Draw{}, ErrNotFound
	}
	return ds[0], nil
}

// Draws lists the draws, newest first.
func (s *Store) Draws(ctx context.Context) ([]Draw, error) {
	return drawsOf(ctx, s.r, "")
}

func drawsOf(ctx context.Context, q querier, where string, args ...any) ([]Draw, error) {
	rows, err := q.QueryContext(ctx, "SELECT "+drawCols+" FROM supervision_draws"+where+" ORDER BY id DESC LIMIT 200", args...)
	if err != nil {
		return nil, fmt.Errorf("store: draws: %w", err)
	}
	defer rows.Close()
	var out []Draw
	for rows.Next() {
		d, err := scanDraw(rows)
		if err != nil {
			return nil, fmt.Errorf("store: draws: %w", err)
		}
		out = append(out, d)
	}
	return out, rows.Err()
}
