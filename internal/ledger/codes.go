package ledger

import (
	"strings"

	"weiquan/internal/casework"
)

// Aliases of coded values as ledgers write them, keyed by the normalised text
// (see key). The codes themselves and their English labels are accepted too.
var kindAliases = map[string]casework.Kind{
	"投诉": casework.Complaint, "消费投诉": casework.Complaint, "投诉件": casework.Complaint,
	"举报": casework.Report, "举报件": casework.Report,
	"咨询": casework.Inquiry, "咨询件": casework.Inquiry,
}

var channelAliases = map[string]casework.Channel{
	"12315热线": casework.Hotline12315, "12315电话": casework.Hotline12315, "电话": casework.Hotline12315,
	"热线": casework.Hotline12315, "电话投诉": casework.Hotline12315, "来电": casework.Hotline12315, "12315": casework.Hotline12315,
	"12315hotline": casework.Hotline12315, "hotline": casework.Hotline12315, "phone": casework.Hotline12315,
	"12315平台": casework.Platform12315, "全国12315平台": casework.Platform12315, "平台": casework.Platform12315,
	"12315互联网平台": casework.Platform12315, "12315platform": casework.Platform12315, "platform": casework.Platform12315,
	"网络": casework.Web, "网站": casework.Web, "网上": casework.Web, "微信": casework.Web, "小程序": casework.Web,
	"web": casework.Web, "web/mobile": casework.Web, "网页": casework.Web,
	"来信": casework.Letter, "来函": casework.Letter, "信件": casework.Letter, "信函": casework.Letter, "letter": casework.Letter,
	"来访": casework.Visit, "来人": casework.Visit, "上门": casework.Visit, "走访": casework.Visit, "visit": casework.Visit,
	"12345": casework.Transfer12345, "12345转办": casework.Transfer12345, "12345热线": casework.Transfer12345,
	"12345热线转办": casework.Transfer12345, "12345transfer": casework.Transfer12345,
	"部门转办": casework.TransferDepartment, "转办": casework.TransferDepartment, "其他部门转办": casework.TransferDepartment,
	"移送": casework.TransferDepartment, "部门移送": casework.TransferDepartment, "departmenttransfer": casework.TransferDepartment,
}

var outcomeAliases = map[string]casework.Outcome{
	"调解成功": casework.OutcomeAgreement, "达成协议": casework.OutcomeAgreement, "达成调解协议": casework.OutcomeAgreement,
	"和解": casework.OutcomeAgreement, "已和解": casework.OutcomeAgreement, "协议": casework.OutcomeAgreement,
	"agreementreached": casework.OutcomeAgreement,
	"调解不成":             casework.OutcomeTerminated, "调解失败": casework.OutcomeTerminated, "终止调解": casework.OutcomeTerminated,
	"终止": casework.OutcomeTerminated, "未达成协议": casework.OutcomeTerminated, "mediationterminated": casework.OutcomeTerminated,
	"不予受理": casework.OutcomeRejected, "不受理": casework.OutcomeRejected,
	"已答复": casework.OutcomeAnswered, "答复": casework.OutcomeAnswered, "已解答": casework.OutcomeAnswered, "解答": casework.OutcomeAnswered,
	"立案": casework.OutcomeFiled, "已立案": casework.OutcomeFiled, "casefiled": casework.OutcomeFiled,
	"不予立案": casework.OutcomeNotFiled, "不立案": casework.OutcomeNotFiled, "notfiled": casework.OutcomeNotFiled,
}

var statusAliases = map[string]casework.State{
	"登记": casework.Received, "已登记": casework.Received, "待处理": casework.Received, "待受理": casework.Received,
	"受理": casework.Accepted, "已受理": casework.Accepted,
	"不予受理": casework.Rejected,
	"已派单":  casework.Dispatched, "派单": casework.Dispatched, "已分派": casework.Dispatched,
	"已到场": casework.OnSite, "到场": casework.OnSite, "onsite": casework.OnSite,
	"调解中":  casework.Mediating,
	"达成协议": casework.Agreement, "调解成功": casework.Agreement,
	"终止调解": casework.Terminated, "调解不成": casework.Terminated,
	"核查中": casework.Verifying, "核查": casework.Verifying,
	"已立案": casework.Filed, "立案": casework.Filed,
	"不予立案": casework.NotFiled, "notfiled": casework.NotFiled,
	"已答复": casework.Answered, "已解答": casework.Answered,
	"办结": casework.Closed, "已办结": casework.Closed, "结案": casework.Closed, "已结案": casework.Closed,
	"完结": casework.Closed, "已完结": casework.Closed, "done": casework.Closed,
}

var categoryAliases = map[string]casework.Category{
	"商品": casework.Goods, "商品类": casework.Goods, "商品投诉": casework.Goods,
	"服务": casework.Services, "服务类": casework.Services, "服务投诉": casework.Services, "service": casework.Services,
}

// key normalises a coded value for lookup: ASCII folded, lower case, no spaces, underscores or hyphens.
func key(s string) string {
	s = strings.ToLower(fold(s))
	return strings.Map(func(r rune) rune {
		if r == ' ' || r == '_' || r == '-' || r == '\t' {
			return -1
		}
		return r
	}, s)
}

// code looks a value up: the caller's own mapping first, then the code itself, then the aliases.
func code[T ~string](v string, own map[string]string, codes []T, aliases map[string]T) (T, bool) {
	if c, ok := own[v]; ok {
		return T(c), true
	}
	if c, ok := own[key(v)]; ok {
		return T(c), true
	}
	k := key(v)
	for _, c := range codes {
		if key(string(c)) == k {
			return c, true
		}
	}
	c, ok := aliases[k]
	return c, ok
}
