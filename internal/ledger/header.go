package ledger

import (
	"strings"
)

// Canonical column names of a ledger, in the order the docs list them.
const (
	SourceID        = "source_id"
	Kind            = "kind"
	Channel         = "channel"
	ReceivedAt      = "received_at"
	Area            = "area"
	MerchantName    = "merchant_name"
	MerchantUSCC    = "merchant_uscc"
	ConsumerName    = "consumer_name"
	ConsumerPhone   = "consumer_phone"
	Category        = "category"
	AmountInDispute = "amount_in_dispute"
	Facts           = "facts"
	Request         = "request"
	Status          = "status"
	ClosedAt        = "closed_at"
	Outcome         = "outcome"
	Recovered       = "recovered_amount"
)

// Fields lists every canonical column.
var Fields = []string{SourceID, Kind, Channel, ReceivedAt, Area, MerchantName, MerchantUSCC, ConsumerName,
	ConsumerPhone, Category, AmountInDispute, Facts, Request, Status, ClosedAt, Outcome, Recovered}

// Required are the columns a ledger must have; every other column may be missing.
var Required = []string{SourceID, Kind, Channel, ReceivedAt}

// headerAliases are the header names ledgers use for each column, besides the
// canonical name itself; compared after normaliseHeader.
var headerAliases = map[string][]string{
	SourceID:        {"编号", "来源编号", "登记编号", "原编号", "工单号", "工单编号", "投诉编号", "案件编号", "登记号", "id", "sourceid", "source"},
	Kind:            {"类型", "事项类型", "件别", "性质", "诉求类型", "type"},
	Channel:         {"渠道", "来源", "受理渠道", "登记渠道", "来源渠道", "投诉渠道", "受理方式", "source channel"},
	ReceivedAt:      {"登记时间", "受理时间", "登记日期", "受理日期", "投诉时间", "投诉日期", "接收时间", "收到时间", "来电时间", "日期", "received", "date", "receivedon"},
	Area:            {"地区", "所在地", "区域", "所属区域", "乡镇", "所属乡镇", "乡镇街道", "发生地", "属地", "place", "region"},
	MerchantName:    {"被投诉人", "经营者", "被投诉方", "被举报人", "被投诉单位", "经营者名称", "商家", "商户", "商户名称", "被投诉经营者", "merchant"},
	MerchantUSCC:    {"统一社会信用代码", "社会信用代码", "信用代码", "被投诉人统一社会信用代码", "经营者统一社会信用代码", "uscc"},
	ConsumerName:    {"投诉人", "消费者", "举报人", "咨询人", "姓名", "消费者姓名", "投诉人姓名", "consumer", "name"},
	ConsumerPhone:   {"联系电话", "电话", "手机", "手机号", "手机号码", "联系方式", "消费者电话", "投诉人电话", "phone"},
	Category:        {"类别", "分类", "商品服务类别", "投诉类别", "商品/服务"},
	AmountInDispute: {"争议金额", "涉案金额", "涉及金额", "投诉金额", "金额", "amount"},
	Facts:           {"事实", "投诉内容", "举报内容", "咨询内容", "反映内容", "主要内容", "内容", "事由", "问题描述", "简要情况", "description"},
	Request:         {"诉求", "投诉诉求", "消费者诉求", "要求"},
	Status:          {"状态", "处理状态", "办理状态", "办结情况", "state"},
	ClosedAt:        {"办结时间", "办结日期", "结案时间", "结案日期", "完成时间", "closed"},
	Outcome:         {"结果", "处理结果", "办理结果", "调解结果", "result"},
	Recovered:       {"挽回经济损失", "挽回损失", "挽回金额", "为消费者挽回经济损失", "挽回经济损失金额", "recovered"},
}

// looseAliases are headers that merely resemble a field: common English words that
// other tables use for other things (a "state" column of US states is no 状态). They
// never map silently: the preview shows them as guesses with how many of the column's
// values the field would take, and one click maps them.
var looseAliases = map[string]bool{"id": true, "source": true, "type": true, "source channel": true, "received": true,
	"date": true, "receivedon": true, "place": true, "region": true, "merchant": true, "consumer": true, "name": true,
	"phone": true, "amount": true, "description": true, "state": true, "closed": true, "result": true, "recovered": true}

var aliasIndex, looseIndex = func() (map[string]string, map[string]string) {
	m, loose := map[string]string{}, map[string]string{}
	for _, f := range Fields {
		m[normaliseHeader(f)] = f
		for _, a := range headerAliases[f] {
			n := normaliseHeader(a)
			if other, dup := m[n]; dup && other != f {
				panic("ledger: header alias " + a + " names both " + other + " and " + f)
			}
			if looseAliases[a] {
				loose[n] = f
				continue
			}
			m[n] = f
		}
	}
	return m, loose
}()

// normaliseHeader compares headers the way people read them: case, spaces,
// underscores, full-width forms, a required-marker "*" and a unit in brackets
// such as "争议金额（元）" do not matter.
func normaliseHeader(h string) string {
	h = strings.TrimPrefix(h, "\uFEFF")
	h = strings.ToLower(fold(h))
	for _, br := range [][2]string{{"(", ")"}, {"[", "]"}, {"【", "】"}} {
		if i := strings.Index(h, br[0]); i > 0 && strings.HasSuffix(strings.TrimSpace(h), br[1]) {
			h = h[:i]
		}
	}
	return strings.Map(func(r rune) rune {
		switch r {
		case ' ', '_', '-', '*', ':', '\t', '\r', '\n', '.':
			return -1
		}
		return r
	}, h)
}

// Column says which column of the file feeds a canonical field.
type Column struct {
	Field  string `json:"field"`
	Header string `json:"header"`
	Index  int    `json:"column"` // 1-based, as spreadsheets count
	By     string `json:"by"`     // "auto" (a known header) or "map" (the caller's mapping)
}

// headerField names the canonical field a header feeds under mapping m, or "".
func headerField(h string, m Mapping) (string, string) {
	fs, by := headerFields(h, m)
	if len(fs) == 0 {
		return "", ""
	}
	return fs[0], by
}

// headerFields names every field a header feeds under mapping m: one known by its
// name, or those the mapping points at it (a column may feed two fields).
func headerFields(h string, m Mapping) ([]string, string) {
	n := normaliseHeader(h)
	if n == "" {
		return nil, ""
	}
	var fs []string
	for _, f := range Fields {
		if want, ok := m.Columns[f]; ok && normaliseHeader(want) == n {
			fs = append(fs, f)
		}
	}
	if len(fs) > 0 {
		return fs, "map"
	}
	f := aliasIndex[n]
	if f == "" {
		return nil, ""
	}
	if _, overridden := m.Columns[f]; overridden {
		return nil, "" // the caller chose another column for this field
	}
	if _, constant := m.Constants[f]; constant {
		return nil, ""
	}
	return []string{f}, "auto"
}

// GuessOf names the field a header merely resembles (looseAliases), or "".
func GuessOf(h string) string { return looseIndex[normaliseHeader(h)] }

// Resolve maps a header row to fields. It returns the columns used, the
// headers left unused, and problems: a required column missing or a mapped
// header absent refuse the file; a second column for the same field is a warning.
func Resolve(header []string, m Mapping) (cols []Column, ignored []string, fails, warns []Problem) {
	seen := map[string]int{}
	for i, h := range header {
		fs, by := headerFields(h, m)
		if len(fs) == 0 {
			if strings.TrimSpace(h) != "" {
				ignored = append(ignored, h)
			}
			continue
		}
		used := false
		for _, f := range fs {
			if j, dup := seen[f]; dup {
				warns = append(warns, Problem{Column: f, Header: h, Code: "header_duplicate", Args: []string{"first", header[j]}})
				continue
			}
			seen[f], used = i, true
			cols = append(cols, Column{Field: f, Header: h, Index: i + 1, By: by})
		}
		if !used {
			ignored = append(ignored, h)
		}
	}
	for _, f := range Fields {
		want, mapped := m.Columns[f]
		if _, ok := seen[f]; ok {
			continue
		}
		if _, constant := m.Constants[f]; constant {
			continue // every row gets the mapping's value
		}
		switch {
		case mapped && strings.TrimSpace(want) == "" && !isRequired(f):
			// mapped to no header: the caller leaves the field out on purpose
		case mapped && strings.TrimSpace(want) != "":
			fails = append(fails, Problem{Column: f, Header: want, Code: "map_header"})
		case isRequired(f):
			fails = append(fails, Problem{Column: f, Code: "missing_column", Args: []string{"headers", strings.Join(append([]string{f}, headerAliases[f][:2]...), " / ")}})
		}
	}
	return cols, ignored, fails, warns
}

func isRequired(f string) bool {
	for _, r := range Required {
		if r == f {
			return true
		}
	}
	return false
}

// headerScore counts the cells of a row that name a known column, to find the header row under a title.
func headerScore(row []string, m Mapping) int {
	n := 0
	for _, c := range row {
		if f, _ := headerField(c, m); f != "" {
			n++
		}
	}
	return n
}
