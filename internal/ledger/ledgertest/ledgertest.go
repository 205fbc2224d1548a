// Package ledgertest generates ledgers with known figures, written as .xlsx,
// .csv (UTF-8, UTF-8 with BOM, GB18030) and .jsonl, for tests and benchmarks.
package ledgertest

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"time"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/simplifiedchinese"

	"weiquan/internal/calendar"
	"weiquan/internal/casework"
	"weiquan/internal/money"
)

// Row is one ledger row in canonical terms.
type Row struct {
	SourceID   string
	Kind       casework.Kind
	Channel    casework.Channel
	ReceivedAt time.Time
	Area       string
	Merchant   string
	Consumer   string
	Phone      string
	Category   casework.Category
	Amount     money.Fen
	Facts      string
	Request    string
	Status     casework.State // as the ledger writes it; "" for closed rows, which a closing time implies
	ClosedAt   *time.Time
	Outcome    casework.Outcome
	Recovered  money.Fen
}

// line is one line of the plan: n matters of a kind and channel ending the same way.
type line struct {
	n       int
	kind    casework.Kind
	channel casework.Channel
	outcome casework.Outcome
	state   casework.State // casework.Closed, or the open state the ledger names
}

// plan is the Ruichang office's 2021 as the article reports it: 1,120 phone
// complaints, 380 reports, 106 letters and visits, 148 transfers from 12345.
var plan = []line{
	{1000, casework.Complaint, casework.Hotline12315, casework.OutcomeAgreement, casework.Closed},
	{80, casework.Complaint, casework.Hotline12315, casework.OutcomeTerminated, casework.Closed},
	{30, casework.Complaint, casework.Hotline12315, casework.OutcomeRejected, casework.Closed},
	{10, casework.Complaint, casework.Hotline12315, "", casework.Mediating},
	{40, casework.Complaint, casework.Letter, casework.OutcomeAgreement, casework.Closed},
	{60, casework.Complaint, casework.Visit, casework.OutcomeAgreement, casework.Closed},
	{6, casework.Complaint, casework.Visit, casework.OutcomeTerminated, casework.Terminated},
	{90, casework.Complaint, casework.Transfer12345, casework.OutcomeAgreement, casework.Closed},
	{10, casework.Complaint, casework.Transfer12345, casework.OutcomeRejected, casework.Closed},
	{200, casework.Report, casework.Hotline12315, casework.OutcomeFiled, casework.Closed},
	{100, casework.Report, casework.Hotline12315, casework.OutcomeNotFiled, casework.Closed},
	{60, casework.Report, casework.Platform12315, casework.OutcomeFiled, casework.Closed},
	{20, casework.Report, casework.Letter, "", casework.Verifying},
	{48, casework.Inquiry, casework.Transfer12345, casework.OutcomeAnswered, casework.Closed},
}

// Areas are the places rows name, in turn; the last matches no area of a county built with Towns.
var Areas = []string{"码头镇", "夏畈镇", "外县某地"}

// Towns are the areas a test county should have for Areas to match.
var Towns = Areas[:2]

// Known figures of Year. Every agreement recovers ¥671.23 except the last, ¥672.96.
const (
	Total               = 1754
	Closed              = 1718
	Agreements          = 1190
	MediationsConcluded = 1276
	RecoveredFen        = 79876543 // ¥798,765.43
	Complaints          = 1326
	Reports             = 380
	Inquiries           = 48
	Goods               = 663 // complaints alternate goods, services
	Services            = 663
	Unclassified        = 428
	recoveredEach       = 67123
	recoveredLast       = 67296
)

// ByArea is Year's count per place named (rows take Areas in turn).
var ByArea = map[string]int64{"码头镇": 585, "夏畈镇": 585, "外县某地": 584}

// ByChannel is Year's count per channel.
var ByChannel = map[casework.Channel]int64{
	casework.Hotline12315: 1420, casework.Platform12315: 60, casework.Web: 0, casework.Letter: 60,
	casework.Visit: 66, casework.Transfer12345: 148, casework.TransferDepartment: 0,
}

// Year is the plan as n rows received through the year y (n = Total for the
// plan itself; a larger n repeats it, for benchmarks). Source ids start with prefix.
func Year(y, n int, prefix string) []Row {
	rows := make([]Row, 0, n)
	start := time.Date(y, 1, 1, 8, 0, 0, 0, calendar.Shanghai)
	complaints := 0
	for len(rows) < n {
		for _, l := range plan {
			for k := 0; k < l.n && len(rows) < n; k++ {
				j := len(rows)
				day := j * 365 / n
				r := Row{
					SourceID: fmt.Sprintf("%s%06d", prefix, j+1), Kind: l.kind, Channel: l.channel,
					ReceivedAt: start.AddDate(0, 0, day).Add(time.Duration(j%540) * time.Minute),
					Area:       Areas[j%len(Areas)], Merchant: fmt.Sprintf("商户%03d", j%300), Consumer: "消费者" + fmt.Sprint(j%97),
					Phone: fmt.Sprintf("139%08d", j), Facts: fmt.Sprintf("第%d件：购买商品后发生纠纷", j+1), Request: "退款",
					Amount: money.Fen(10000 + j%50000), Outcome: l.outcome,
				}
				if l.kind == casework.Complaint {
					r.Category = []casework.Category{casework.Goods, casework.Services}[complaints%2]
					complaints++
				}
				if l.state == casework.Closed {
					c := r.ReceivedAt.Add(time.Duration(2+j%5) * 24 * time.Hour)
					r.ClosedAt = &c
				} else {
					r.Status = l.state
				}
				if l.outcome == casework.OutcomeAgreement {
					r.Recovered = recoveredEach
				}
				rows = append(rows, r)
			}
		}
	}
	if n == Total {
		for i := len(rows) - 1; i >= 0; i-- {
			if rows[i].Outcome == casework.OutcomeAgreement {
				rows[i].Recovered = recoveredLast
				break
			}
		}
	}
	return rows
}

// ByMonth counts rows by received month (YYYY-MM, Asia/Shanghai).
func ByMonth(rows []Row) map[string]int64 {
	out := map[string]int64{}
	for _, r := range rows {
		out[r.ReceivedAt.In(calendar.Shanghai).Format("2006-01")]++
	}
	return out
}

var headerEN = []string{"source_id", "kind", "channel", "received_at", "area", "merchant_name", "consumer_name", "consumer_phone",
	"category", "amount_in_dispute", "facts", "request", "status", "closed_at", "outcome", "recovered_amount"}

var headerZH = []string{"编号", "类型", "渠道", "登记时间", "所在地", "被投诉人", "投诉人", "联系电话",
	"类别", "争议金额（元）", "投诉内容", "诉求", "处理状态", "办结时间", "处理结果", "挽回经济损失"}

var zhKind = map[casework.Kind]string{casework.Complaint: "投诉", casework.Report: "举报", casework.Inquiry: "咨询"}
var zhChannel = map[casework.Channel]string{casework.Hotline12315: "12315热线", casework.Platform12315: "全国12315平台", casework.Web: "网络",
	casework.Letter: "来信", casework.Visit: "来访", casework.Transfer12345: "12345转办", casework.TransferDepartment: "部门转办"}
var zhOutcome = map[casework.Outcome]string{casework.OutcomeAgreement: "调解成功", casework.OutcomeTerminated: "终止调解",
	casework.OutcomeRejected: "不予受理", casework.OutcomeAnswered: "已答复", casework.OutcomeFiled: "立案", casework.OutcomeNotFiled: "不予立案"}
var zhState = map[casework.State]string{casework.Mediating: "调解中", casework.Terminated: "终止调解", casework.Verifying: "核查中"}
var zhCategory = map[casework.Category]string{casework.Goods: "商品类", casework.Services: "服务类"}

// cells renders a row as text, in Chinese values or in codes.
func (r Row) cells(zh bool) []string {
	t := func(tm time.Time) string { return tm.In(calendar.Shanghai).Format("2006/1/2 15:04") }
	closed := ""
	if r.ClosedAt != nil {
		closed = t(*r.ClosedAt)
	}
	amount := func(f money.Fen) string {
		if f == 0 {
			return ""
		}
		return f.String()
	}
	if zh {
		return []string{r.SourceID, zhKind[r.Kind], zhChannel[r.Channel], t(r.ReceivedAt), r.Area, r.Merchant, r.Consumer, r.Phone,
			zhCategory[r.Category], amount(r.Amount), r.Facts, r.Request, zhState[r.Status], closed, zhOutcome[r.Outcome], amount(r.Recovered)}
	}
	return []string{r.SourceID, string(r.Kind), string(r.Channel), r.ReceivedAt.In(calendar.Shanghai).Format("2006-01-02 15:04"), r.Area,
		r.Merchant, r.Consumer, r.Phone, string(r.Category), amount(r.Amount), r.Facts, r.Request, string(r.Status), closed, string(r.Outcome), amount(r.Recovered)}
}

// CSV writes rows as CSV: headers and values in Chinese (zh) or canonical
// codes; encoding "utf-8", "utf-8-bom" or "gb18030".
func CSV(rows []Row, encoding string, zh bool) ([]byte, error) {
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	w.UseCRLF = true
	h := headerEN
	if zh {
		h = headerZH
	}
	if err := w.Write(h); err != nil {
		return nil, err
	}
	for _, r := range rows {
		if err := w.Write(r.cells(zh)); err != nil {
			return nil, err
		}
	}
	w.Flush()
	switch encoding {
	case "utf-8":
		return buf.Bytes(), w.Error()
	case "utf-8-bom":
		return append([]byte("\uFEFF"), buf.Bytes()...), w.Error()
	case "gb18030":
		return simplifiedchinese.GB18030.NewEncoder().Bytes(buf.Bytes())
	}
	return nil, fmt.Errorf("ledgertest: encoding %q", encoding)
}

// JSONL writes rows as JSON lines with canonical keys, amounts as numbers.
func JSONL(rows []Row) []byte {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	for _, r := range rows {
		c := r.cells(false)
		obj := map[string]any{}
		for i, k := range headerEN {
			if c[i] != "" {
				obj[k] = c[i]
			}
		}
		if r.Amount != 0 {
			obj["amount_in_dispute"] = json.Number(r.Amount.String())
		}
		if r.Recovered != 0 {
			obj["recovered_amount"] = json.Number(r.Recovered.String())
		}
		_ = enc.Encode(obj)
	}
	return buf.Bytes()
}

// XLSX writes rows as a workbook as an office keeps it: a title row, Chinese
// headers, times as date cells and amounts as numbers, streamed.
func XLSX(rows []Row) ([]byte, error) {
	f := excelize.NewFile()
	defer f.Close()
	const sheet = "台账"
	if err := f.SetSheetName("Sheet1", sheet); err != nil {
		return nil, err
	}
	date, err := f.NewStyle(&excelize.Style{CustomNumFmt: ptr("yyyy-mm-dd hh:mm")})
	if err != nil {
		return nil, err
	}
	sw, err := f.NewStreamWriter(sheet)
	if err != nil {
		return nil, err
	}
	if err := sw.SetRow("A1", []any{"2021年消费投诉举报咨询台账"}); err != nil {
		return nil, err
	}
	head := make([]any, len(headerZH))
	for i, h := range headerZH {
		head[i] = h
	}
	if err := sw.SetRow("A2", head); err != nil {
		return nil, err
	}
	for i, r := range rows {
		c := r.cells(true)
		vals := make([]any, len(c))
		for j, v := range c {
			vals[j] = v
		}
		vals[3] = excelize.Cell{StyleID: date, Value: r.ReceivedAt.In(calendar.Shanghai)}
		if r.ClosedAt != nil {
			vals[13] = excelize.Cell{StyleID: date, Value: r.ClosedAt.In(calendar.Shanghai)}
		}
		vals[9], vals[15] = number(r.Amount), number(r.Recovered)
		cell, _ := excelize.CoordinatesToCellName(1, i+3)
		if err := sw.SetRow(cell, vals); err != nil {
			return nil, err
		}
	}
	if err := sw.Flush(); err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	err = f.Write(&buf)
	return buf.Bytes(), err
}

func number(f money.Fen) any {
	if f == 0 {
		return nil
	}
	return f.Yuan()
}

func ptr[T any](v T) *T { return &v }
