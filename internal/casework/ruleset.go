package casework

import "time"

// RuleSet is the statutory text a matter is handled under, chosen at intake and
// stored on the matter; it is never silently recomputed (R-L44).
type RuleSet string

// Rule sets.
const (
	Order20  RuleSet = "order20"  // SAMR Order 20 (2020-01-01 – 2026-04-14)
	Order121 RuleSet = "order121" // SAMR Order 121 (from 2026-04-15)
)

// order121From is the first day Order 121 applies, in Asia/Shanghai.
var order121From = time.Date(2026, 4, 15, 0, 0, 0, 0, shanghai)

// RuleSetFor chooses the rule set by the date the matter was received (R-L44).
func RuleSetFor(received time.Time) RuleSet {
	if received.Before(order121From) {
		return Order20
	}
	return Order121
}

// Valid reports whether r is a known rule set.
func (r RuleSet) Valid() bool { return r == Order20 || r == Order121 }

// Reason is a statutory ground for rejecting a complaint or terminating mediation.
type Reason struct {
	Code    string `json:"code"`
	Article string `json:"article"`
	ZH      string `json:"zh"`
	EN      string `json:"en"`
}

// Text returns the reason in the given language.
func (r Reason) Text(lang string) string {
	if lang == "en" {
		return r.EN
	}
	return r.ZH
}

// RejectReasons are the grounds for not accepting a complaint (R-L7).
func RejectReasons(rs RuleSet) []Reason {
	if rs == Order20 {
		return rejectOrder20
	}
	return rejectOrder121
}

// TerminateReasons are the grounds for terminating mediation (R-L19).
func TerminateReasons(rs RuleSet) []Reason {
	if rs == Order20 {
		return terminateOrder20
	}
	return terminateOrder121
}

// FindReason looks a code up in a list.
func FindReason(list []Reason, code string) (Reason, bool) {
	for _, r := range list {
		if r.Code == code {
			return r, true
		}
	}
	return Reason{}, false
}

var rejectOrder121 = []Reason{
	{"R16-1", "Order 121 Art.16(1)", "投诉事项不属于市场监督管理部门职责，或者本行政机关不具有处理权限", "Not within market supervision duties, or this office has no authority"},
	{"R16-2", "Order 121 Art.16(2)", "法院、仲裁机构、市场监督管理部门或者其他行政机关、消费者协会已经受理或者处理过同一消费者权益争议", "The same dispute has been accepted or handled by a court, arbitration body, administrative body or consumer association"},
	{"R16-3", "Order 121 Art.16(3)", "不是为生活消费需要购买、使用商品或者接受服务，或者不能证明与被投诉人之间存在消费者权益争议", "Not bought or used for personal consumption, or no consumer dispute with the respondent can be shown"},
	{"R16-4", "Order 121 Art.16(4)", "除法律另有规定外，投诉人知道或者应当知道自己的权益受到被投诉人侵害之日起超过三年", "More than three years since the complainant knew or should have known of the infringement"},
	{"R16-5", "Order 121 Art.16(5)", "未提供规定的材料，或者提供的材料虚假", "Required materials missing, or the materials are false"},
	{"R16-6", "Order 121 Art.16(6)", "冒用他人名义投诉，或者拒不配合身份核验", "Complains in another person's name, or refuses identity verification"},
	{"R16-7", "Order 121 Art.16(7)", "法律、法规、规章规定不予受理的其他情形", "Other grounds provided by laws, regulations or rules"},
}

var rejectOrder20 = []Reason{
	{"R15-1", "Order 20 Art.15(1)", "投诉事项不属于市场监督管理部门职责，或者本行政机关不具有处理权限", "Not within market supervision duties, or this office has no authority"},
	{"R15-2", "Order 20 Art.15(2)", "法院、仲裁机构、市场监督管理部门或者其他行政机关、消费者协会或者依法成立的其他调解组织已经受理或者处理过同一消费者权益争议", "The same dispute has been accepted or handled by a court, arbitration body, administrative body, consumer association or other mediation organisation"},
	{"R15-3", "Order 20 Art.15(3)", "不是为生活消费需要购买、使用商品或者接受服务，或者不能证明与被投诉人之间存在消费者权益争议", "Not bought or used for personal consumption, or no consumer dispute with the respondent can be shown"},
	{"R15-4", "Order 20 Art.15(4)", "除法律另有规定外，投诉人知道或者应当知道自己的权益受到被投诉人侵害之日起超过三年", "More than three years since the complainant knew or should have known of the infringement"},
	{"R15-5", "Order 20 Art.15(5)", "未提供规定的材料", "Required materials were not provided"},
	{"R15-6", "Order 20 Art.15(6)", "法律、法规、规章规定不予受理的其他情形", "Other grounds provided by laws, regulations or rules"},
}

var terminateOrder121 = []Reason{
	{"T1", "Order 121 Art.23(1)", "投诉人撤回投诉或者双方自行和解", "Complaint withdrawn, or the parties settled themselves"},
	{"T2", "Order 121 Art.23(2)", "投诉人或者被投诉人无正当理由不参加调解，或者拒绝调解", "A party is absent without good reason, or refuses mediation"},
	{"T3", "Order 121 Art.23(3)", "经组织调解，投诉人或者被投诉人明确表示无法达成调解协议", "A party states that no agreement is possible"},
	{"T4", "Order 121 Art.23(4)", "对检测、检验、鉴定等费用承担无法协商一致", "No agreement on the costs of testing or appraisal"},
	{"T5", "Order 121 Art.23(5)", "自投诉受理之日起六十日内未能达成调解协议", "No agreement within 60 days of acceptance"},
	{"T6", "Order 121 Art.23(6)", "受理后发现存在不予受理情形，或者存在欺诈、敲诈勒索等情形", "After acceptance a ground for rejection, or fraud or extortion, is found"},
	{"T7", "Order 121 Art.23(7)", "投诉人或者被投诉人死亡或者终止", "A party has died or ceased to exist"},
	{"T8", "Order 121 Art.23(8)", "法律、法规、规章规定的应当终止调解的其他情形", "Other grounds provided by laws, regulations or rules"},
}

var terminateOrder20 = []Reason{
	{"T1", "Order 20 Art.21(1)", "投诉人撤回投诉或者双方自行和解", "Complaint withdrawn, or the parties settled themselves"},
	{"T2", "Order 20 Art.21(2)", "对委托承担检定、检验、检测、鉴定工作的技术机构或者费用承担无法协商一致", "No agreement on the testing body or on its costs"},
	{"T3", "Order 20 Art.21(3)", "投诉人或者被投诉人无正当理由不参加调解，或者被投诉人明确拒绝调解", "A party is absent without good reason, or the respondent refuses mediation"},
	{"T4", "Order 20 Art.21(4)", "经组织调解，投诉人或者被投诉人明确表示无法达成调解协议", "A party states that no agreement is possible"},
	{"T5", "Order 20 Art.21(5)", "自投诉受理之日起四十五个工作日内未能达成调解协议", "No agreement within 45 working days of acceptance"},
	{"T6", "Order 20 Art.21(6)", "受理投诉后发现存在不予受理情形", "After acceptance a ground for rejection is found"},
	{"T7", "Order 20 Art.21(7)", "法律、法规、规章规定的应当终止调解的其他情形", "Other grounds provided by laws, regulations or rules"},
}
