package collective

import (
	"fmt"
	"math/rand/v2"
	"sort"
	"time"
)

// Planted is one generated matter and the cluster it was planted in ("" for none).
type Planted struct {
	Matter
	Cluster  string
	ClosesAt time.Time
}

type sector struct {
	name, category string
	subs           []string
	shops          []string
	facts          []string // with %s holes: an item, an amount, a time
	items          []string
}

var sectors = []sector{
	{"餐饮", "services", []string{"餐饮服务", "食品安全"}, []string{"老王面馆", "川味小厨", "福满楼酒家", "小城烧烤", "湘里人家", "鲜味火锅"},
		[]string{"在店内就餐时点的%s里发现头发，要求退款被拒绝，消费%s元，时间%s。", "%s上菜后发现已经变质有异味，食用后腹泻，花费%s元，%s就诊。",
			"结账时发现%s的价格与菜单标价不符，多收%s元，%s。", "外卖订购%s，送达时包装破损洒漏，商家拒绝补送，金额%s元，%s。"},
		[]string{"牛肉面", "水煮鱼", "烤串", "小炒肉", "凉拌菜", "馄饨"}},
	{"超市", "goods", []string{"食品", "日用品"}, []string{"华联超市", "好又多超市", "家家福便利店", "万家乐购物广场", "邻里生鲜超市"},
		[]string{"在超市购买的%s已过保质期，价格%s元，购买日期%s。", "购买%s时价签标价与收银价格不一致，多收%s元，%s发现。",
			"%s包装内有异物，要求十倍赔偿，价款%s元，%s购买。", "会员积分兑换%s时被告知积分清零，价值%s元，%s。"},
		[]string{"牛奶", "面包", "饼干", "食用油", "大米", "洗衣液", "酸奶", "火腿肠"}},
	{"通信", "goods", []string{"手机", "通信服务"}, []string{"诚信手机城", "移动营业厅东门店", "数码先锋"},
		[]string{"购买的%s使用一周后屏幕出现问题，商家不予更换，价格%s元，%s购买。", "%s被捆绑办理增值业务，每月多扣费%s元，自%s起。",
			"购买的%s是翻新机冒充新机，支付%s元，%s。"},
		[]string{"手机", "平板电脑", "蓝牙耳机", "智能手表"}},
	{"美容美发", "services", []string{"美容美发", "预付卡"}, []string{"丽人美发", "靓丽美容院", "时尚发型屋"},
		[]string{"做%s后头皮过敏红肿，要求赔偿医药费%s元，%s。", "%s前说好价格，结账时强制加收费用%s元，%s。",
			"被推销办理%s套餐，实际项目与宣传不符，花费%s元，%s。"},
		[]string{"烫发", "染发", "护理", "美白"}},
	{"家电", "goods", []string{"家用电器"}, []string{"国美电器", "苏宁易购县城店", "惠民家电"},
		[]string{"购买的%s安装后不制冷，多次维修未修好，价格%s元，%s购买。", "%s送货延误一个月，商家一直推脱，已付%s元，%s下单。",
			"%s保修期内出现故障，售后要求付费维修%s元，%s。"},
		[]string{"空调", "冰箱", "洗衣机", "热水器", "电视"}},
	{"汽车", "goods", []string{"汽车"}, []string{"顺达汽车销售", "宏远二手车"},
		[]string{"购买的%s交车时发现有维修痕迹，要求退车，车款%s元，%s提车。", "%s保养时被多收配件费%s元，%s。"},
		[]string{"新车", "二手车", "电动车"}},
	{"网购", "goods", []string{"网络购物"}, []string{"小米之家网店", "潮流服饰店", "母婴优选店", "数码配件专营店"},
		[]string{"网购的%s与描述不符，申请七天无理由退货被拒，金额%s元，%s下单。", "收到的%s是假冒品牌，要求退一赔三，支付%s元，%s。",
			"%s发货后物流一直不更新，商家不处理，已付%s元，%s。"},
		[]string{"运动鞋", "羽绒服", "奶粉", "耳机", "背包"}},
	{"教育", "services", []string{"教育培训"}, []string{"博学教育", "未来星艺术培训", "英才辅导中心"},
		[]string{"报名%s课程后老师频繁更换，教学质量差，要求退费%s元，%s报名。", "%s课程试听后不满意，退费时被扣除高额手续费%s元，%s。"},
		[]string{"英语", "美术", "舞蹈", "数学", "钢琴"}},
	{"健身", "services", []string{"健身", "预付卡"}, []string{"动感健身", "城东游泳馆"},
		[]string{"办理%s后教练推销私教课，不买就态度恶劣，私教费%s元，%s。", "%s设施损坏长期不修，要求延长会员期，年费%s元，%s办理。"},
		[]string{"年卡", "月卡", "游泳卡"}},
	{"装修", "services", []string{"装饰装修"}, []string{"美居装饰", "安心家装"},
		[]string{"%s工程完工后墙面开裂，公司拒绝返修，合同价%s元，%s竣工。", "%s使用的材料与合同约定品牌不符，差价%s元，%s发现。"},
		[]string{"厨房", "卫生间", "全屋", "阳台"}},
}

type plantedCluster struct {
	name, shop, category, sub string
	size, spanDays            int
	start                     time.Time
	facts                     []string
	items                     []string
	subRate                   float64 // share of its matters staff gave the sub-category
}

var clusters = []plantedCluster{
	{"gym-prepaid", "力美健身俱乐部", "services", "预付卡", 14, 20, time.Date(2026, 3, 9, 0, 0, 0, 0, time.UTC),
		[]string{"在力美健身办理%s预付%s元，%s起健身房突然停业关门，前台无人，无法退还剩余费用。",
			"%s预付%s元还剩大半年没用，健身房%s贴出装修通知后再没开门，老板电话打不通，预付卡余额无法退还。",
			"健身房停业跑路，我的%s预付了%s元，%s至今联系不上商家，要求退还预付卡余额。",
			"办理的%s预付卡共%s元，健身房%s关门停业，会员群被解散，要求退款。"},
		[]string{"年卡", "私教课", "两年卡", "次卡"}, 0.6},
	{"school-closing", "启航教育培训学校", "services", "教育培训", 25, 12, time.Date(2026, 8, 24, 0, 0, 0, 0, time.UTC),
		[]string{"孩子在启航教育报名%s课程，一次性交了%s元学费，%s学校突然通知停课，校长失联，剩余课时费无法退还。",
			"%s课程已交费%s元只上了几节课，培训学校%s人去楼空，要求退还剩余学费。",
			"启航培训学校停课跑路，我们预交的%s课时费%s元，%s起联系不上负责人，家长们都在找。",
			"学校突然关门停课，%s的课包%s元，%s以后再也没有上课，要求退费。"},
		[]string{"英语", "数学", "编程", "作文", "暑期班"}, 0.7},
	{"shop-vanish", "优品家居旗舰店", "goods", "网络购物", 18, 15, time.Date(2026, 11, 2, 0, 0, 0, 0, time.UTC),
		[]string{"在优品家居旗舰店购买%s，付款%s元后一直不发货，%s起客服不回复，店铺已经关闭。",
			"网店下单%s已付款%s元，商家迟迟不发货，%s后店铺页面打不开，商家失联。",
			"优品家居网店收款不发货，订单%s金额%s元，%s联系客服无人应答，店铺消失。",
			"买的%s付了%s元，店铺%s突然关店，订单显示未发货，要求退款。"},
		[]string{"沙发", "床垫", "餐桌", "衣柜", "窗帘"}, 0.5},
}

// Year generates a year of matters with three planted clusters — a gym's prepaid cards,
// a training school closing, an online shop vanishing — among ordinary complaints,
// including a big supermarket's many unrelated ones, in the order they arrive.
// The same seed gives the same year.
func Year(seed uint64, background int) []Planted {
	rng := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	start := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	var out []Planted
	type shop struct {
		key, name string
		s         *sector
		weight    int
	}
	var shops []shop
	prefixes := []string{"阳光", "金色", "百姓", "惠民", "新城", "东方", "华夏", "鑫源", "恒信", "佳佳", "如意", "鼎盛",
		"兴旺", "和谐", "永安", "福源", "长城", "宏达", "大众", "乐家", "星光", "新世纪", "红星", "绿洲"}
	for i := range sectors {
		s := &sectors[i]
		names := append([]string{}, s.shops...)
		for _, p := range prefixes { // a county has many shops of each trade
			for _, b := range s.shops {
				names = append(names, p+b)
			}
		}
		for j, n := range names {
			w := 1 + rng.IntN(3)
			if s.name == "超市" && j == 0 {
				w = 30 // the big supermarket: many complaints, many issues
			}
			shops = append(shops, shop{fmt.Sprintf("id:%d", len(shops)+1), n, s, w})
		}
	}
	total := 0
	for _, s := range shops {
		total += s.weight
	}
	amount := func() string { return fmt.Sprintf("%d", 50+rng.IntN(50)*20) }
	when := func(t time.Time) string { return fmt.Sprintf("%d月%d日", t.Month(), t.Day()) }
	pick := func(xs []string) string { return xs[rng.IntN(len(xs))] }
	for i := 0; i < background; i++ {
		n := rng.IntN(total)
		var sh shop
		for _, s := range shops {
			if n < s.weight {
				sh = s
				break
			}
			n -= s.weight
		}
		at := start.Add(time.Duration(rng.Int64N(int64(365 * 24 * time.Hour))))
		facts := fmt.Sprintf(pick(sh.s.facts), pick(sh.s.items), amount(), when(at.AddDate(0, 0, -rng.IntN(20))))
		sub := ""
		if rng.Float64() < 0.6 {
			sub = pick(sh.s.subs)
		}
		out = append(out, Planted{Matter: Matter{MerchantKey: sh.key, Category: sh.s.category, Subcategory: sub, Facts: facts, ReceivedAt: at},
			ClosesAt: at.Add(time.Duration(3+rng.IntN(45)) * 24 * time.Hour)})
	}
	for ci, c := range clusters {
		key := fmt.Sprintf("id:%d", 1000+ci)
		for i := 0; i < c.size; i++ {
			at := c.start.Add(time.Duration(rng.Int64N(int64(c.spanDays) * int64(24*time.Hour))))
			facts := fmt.Sprintf(pick(c.facts), pick(c.items), amount(), when(c.start.AddDate(0, 0, rng.IntN(c.spanDays))))
			sub := ""
			if rng.Float64() < c.subRate {
				sub = c.sub
			}
			out = append(out, Planted{Matter: Matter{MerchantKey: key, Category: c.category, Subcategory: sub, Facts: facts, ReceivedAt: at},
				Cluster: c.name, ClosesAt: at.Add(60 * 24 * time.Hour)})
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].ReceivedAt.Before(out[j].ReceivedAt) })
	for i := range out {
		out[i].ID = int64(i + 1)
		out[i].Number = fmt.Sprintf("T%05d", i+1)
		out[i].Open = true
	}
	return out
}

// Score is how detection fared on a generated year.
type Score struct {
	Matters, Planted, Proposed, TruePositive int
	Precision, Recall                        float64
	Proposals, PureProposals                 int // proposals made; those holding only planted matters of one cluster
	ClustersFound, Clusters                  int
}

// Evaluate runs detection over the year as intake would — each matter against the
// merchant's matters still open within the window, new ones joining an open
// proposal — with no supervisor deciding, and scores it against the planted clusters.
func Evaluate(set Settings, year []Planted) Score {
	var sc Score
	byMerchant := map[string][]*Matter{}
	caseOf := map[int64]int64{}
	members := map[int64][]int64{}
	label := map[int64]string{}
	var next int64
	for i := range year {
		m := &year[i].Matter
		label[m.ID] = year[i].Cluster
		var open []*Matter
		for _, c := range byMerchant[m.MerchantKey] {
			c.Open = !year[c.ID-1].ClosesAt.Before(m.ReceivedAt)
			c.CaseID = caseOf[c.ID]
			open = append(open, c)
		}
		if p, ok := Detect(set, m, open, m.MerchantKey); ok {
			id := p.Into
			if id == 0 {
				next++
				id = next
			}
			for _, mid := range p.Matters {
				if caseOf[mid] == 0 {
					caseOf[mid] = id
					members[id] = append(members[id], mid)
				}
			}
		}
		byMerchant[m.MerchantKey] = append(byMerchant[m.MerchantKey], m)
	}
	found := map[string]bool{}
	for _, p := range year {
		sc.Matters++
		if p.Cluster != "" {
			sc.Planted++
		}
		if caseOf[p.ID] != 0 {
			sc.Proposed++
			if p.Cluster != "" {
				sc.TruePositive++
			}
		}
	}
	for _, ms := range members {
		sc.Proposals++
		pure := true
		for _, id := range ms {
			if label[id] == "" || label[id] != label[ms[0]] {
				pure = false
			}
			if label[id] != "" {
				found[label[id]] = true
			}
		}
		if pure {
			sc.PureProposals++
		}
	}
	sc.Clusters, sc.ClustersFound = len(clusters), len(found)
	if sc.Proposed > 0 {
		sc.Precision = float64(sc.TruePositive) / float64(sc.Proposed)
	}
	if sc.Planted > 0 {
		sc.Recall = float64(sc.TruePositive) / float64(sc.Planted)
	}
	return sc
}
