package demo

import "weiquan/internal/casework"

// scenario is a kind of complaint the office meets again and again. Texts take
// {商家} merchant, {日期} purchase date, {物品} item, {金额} amount, {天数} days, {月数} months, {平台} platform.
type scenario struct {
	weight   int
	sectors  []string
	cat      casework.Category
	sub      string
	items    []string
	facts    []string
	request  string
	lo, hi   int     // amount in dispute, yuan
	rlo, rhi float64 // share of it recovered in an agreement
	food     bool    // food safety: the price back and a negotiated compensation
	visit    bool    // staff can settle it on site at the shop
	major    bool    // cars and housing: the county's joint mediation centre takes it (R-S2)
	report   string  // the violation a consumer may report along with the complaint (R-L1)
	agree    string  // the agreement as recorded; {退赔} is the amount recovered
}

const (
	goods    = casework.Goods
	services = casework.Services
)

var scenarios = []scenario{
	{weight: 8, sectors: []string{"beauty"}, cat: services, sub: "美容美发（预付卡）", items: []string{"美容储值卡", "美发会员卡", "护肤疗程卡"},
		facts: []string{
			"消费者{日期}在{商家}办理{物品}，充值{金额}元。近日门店突然停业，店门张贴“装修暂停营业”通知，电话无人接听，卡内余额无法使用。",
			"消费者在{商家}办理{物品}共{金额}元，店员承诺效果不满意可随时退款。做了几次护理后皮肤出现红肿，要求退卡被拒，商家称卡内金额只能消费不能退。",
		},
		request: "要求退还卡内未消费的余额。", lo: 800, hi: 6000, rlo: 0.5, rhi: 1, visit: true,
		agree: "经调解，商家同意退还卡内未消费余额{退赔}元，当场转账。"},
	{weight: 3, sectors: []string{"gym"}, cat: services, sub: "健身服务（预付卡）", items: []string{"年卡", "私教课程"},
		facts:   []string{"消费者{日期}在{商家}办理{物品}，支付{金额}元。使用不到两个月，健身房以场地调整为由停业，会籍顾问不再回复消息。"},
		request: "要求按未使用的期限退还费用。", lo: 1200, hi: 5000, rlo: 0.5, rhi: 0.9, visit: true,
		agree: "经调解，经营者同意按剩余期限折算退还{退赔}元。"},
	{weight: 4, sectors: []string{"training"}, cat: services, sub: "教育培训（预付费）", items: []string{"英语培训课程", "美术培训课程", "舞蹈课程"},
		facts:   []string{"消费者{日期}为孩子在{商家}报名{物品}，一次性缴纳{金额}元。上课后机构频繁更换老师、课时缩水，申请退费时被告知要扣除三成“违约金”。"},
		request: "要求按未上课时退还学费，不同意扣除违约金。", lo: 2000, hi: 9000, rlo: 0.5, rhi: 0.9, visit: true,
		agree: "经调解，机构同意按未上课时退还学费{退赔}元，不扣违约金。"},
	{weight: 12, sectors: []string{"supermarket"}, cat: goods, sub: "食品", food: true,
		items: []string{"酸奶", "面包", "火腿肠", "饼干", "纯牛奶", "速冻水饺", "月饼", "婴幼儿奶粉", "卤味熟食", "方便面"},
		facts: []string{
			"消费者{日期}在{商家}购买{物品}，付款{金额}元，回家后发现商品已超过保质期。",
			"消费者{日期}在{商家}购买的{物品}打开后发现有霉点，查看包装时发现已过保质期{天数}天。",
		},
		request: "要求退货并依法赔偿。", lo: 8, hi: 260, visit: true,
		report: "举报该店在货架上销售超过保质期的食品。",
		agree:  "经调解，商家退还货款并赔偿，合计{退赔}元，并承诺立即清理货架上的过期商品。"},
	{weight: 3, sectors: []string{"restaurant"}, cat: goods, sub: "食品", food: true, items: []string{"外卖套餐", "凉菜", "卤菜", "打包的菜品"},
		facts:   []string{"消费者{日期}在{商家}购买{物品}，花费{金额}元，食用时发现其中有异物（疑似塑料片）。"},
		request: "要求退款、赔礼道歉并赔偿。", lo: 20, hi: 300, visit: true,
		agree: "经调解，商家赔礼道歉，退还货款并赔偿共计{退赔}元。"},
	{weight: 5, sectors: []string{"restaurant"}, cat: services, sub: "餐饮服务", items: []string{"包厢费", "餐具费", "开瓶费"},
		facts: []string{
			"消费者{日期}在{商家}就餐，结账时被收取事先未告知的{物品}等共{金额}元，菜单上也没有标明。",
			"消费者在{商家}预订寿宴，支付定金{金额}元，因家中老人住院提前一个月取消，酒楼以“定金不退”为由拒绝退还。",
		},
		request: "要求退还不合理收取的费用。", lo: 60, hi: 3000, rlo: 0.4, rhi: 1, visit: true,
		report: "举报该店收费未明码标价。",
		agree:  "经调解，经营者同意退还{退赔}元。"},
	{weight: 2, sectors: []string{"car"}, cat: goods, sub: "汽车（新车质量）", items: []string{"新车"}, major: true,
		facts:   []string{"消费者{日期}在{商家}购买{物品}一辆，价款{金额}元。提车后{天数}天内发动机故障灯多次亮起，4S店维修两次仍未解决。"},
		request: "要求依照家用汽车三包规定更换同型号车辆或退车。", lo: 80000, hi: 220000, rlo: 0.03, rhi: 0.1,
		agree: "经联合调解中心调解，经营者更换发动机总成、延长质保两年并补偿{退赔}元。"},
	{weight: 2, sectors: []string{"car"}, cat: services, sub: "汽车销售服务", items: []string{"金融服务费", "上牌服务费"},
		facts:   []string{"消费者{日期}在{商家}购车，被要求缴纳{物品}{金额}元后才能提车，销售承诺赠送的保养套餐和贴膜也未兑现。"},
		request: "要求退还{物品}并兑现赠品承诺。", lo: 1500, hi: 6000, rlo: 0.7, rhi: 1, visit: true,
		report: "举报该店捆绑收取服务费。",
		agree:  "经调解，经营者退还{退赔}元并兑现赠送的保养套餐。"},
	{weight: 1, sectors: []string{"usedcar"}, cat: goods, sub: "汽车（二手车）", items: []string{"二手轿车"}, major: true,
		facts:   []string{"消费者{日期}在{商家}购买{物品}一辆，价款{金额}元，合同写明“无重大事故”。后经第三方检测，车辆有重大事故维修记录。"},
		request: "要求退车退款并赔偿损失。", lo: 30000, hi: 90000, rlo: 0.08, rhi: 0.25,
		agree: "经联合调解中心调解，经营者回购车辆并赔偿{退赔}元。"},
	{weight: 2, sectors: []string{"property"}, cat: goods, sub: "房屋（商品房）", items: []string{"商品房"}, major: true,
		facts: []string{
			"消费者购买{商家}开发的{物品}，合同约定{日期}交房，现已逾期数月仍未交付，开发商未按合同支付逾期违约金，主张金额{金额}元。",
			"消费者收房后发现卫生间渗水、客厅墙面开裂，多次报修，开发商与物业相互推诿，估计修复及损失{金额}元。",
		},
		request: "要求按合同承担违约责任并维修。", lo: 10000, hi: 60000, rlo: 0.3, rhi: 0.7,
		agree: "经联合调解中心调解，开发商支付违约金（含维修补偿）{退赔}元并限期维修。"},
	{weight: 3, sectors: []string{"decor"}, cat: services, sub: "装修服务", items: []string{"家装工程"},
		facts:   []string{"消费者与{商家}签订{物品}合同，总价{金额}元。施工中擅自更换合同约定的瓷砖品牌，工期拖延近两个月。"},
		request: "要求按合同更换材料并赔偿延期损失。", lo: 20000, hi: 80000, rlo: 0.05, rhi: 0.15, visit: true,
		agree: "经调解，装修公司按合同更换材料并赔偿{退赔}元。"},
	{weight: 9, sectors: []string{"telecom"}, cat: services, sub: "通信服务", items: []string{"宽带", "手机号码", "合约机"},
		facts: []string{
			"消费者{日期}在{商家}办理{物品}时，被捆绑办理了每月较高资费的套餐，合约期两年，事先未告知，要求取消被拒，已多扣{金额}元。",
			"消费者发现手机话费中连续{月数}个月被扣除未订购的增值业务费，合计{金额}元，营业厅称是本人开通。",
		},
		request: "要求取消套餐或业务并退还多收的费用。", lo: 60, hi: 1500, rlo: 0.6, rhi: 1, visit: true,
		agree: "经调解，营业厅取消相关业务并退还{退赔}元。"},
	{weight: 5, sectors: []string{"phone"}, cat: goods, sub: "通讯器材（手机）", items: []string{"手机", "平板电脑"},
		facts:   []string{"消费者{日期}在{商家}购买{物品}，价格{金额}元，使用{天数}天后出现自动关机、无法充电的故障，商家以“人为损坏”为由拒绝更换。"},
		request: "要求按三包规定更换新机。", lo: 1200, hi: 6500, rlo: 0.6, rhi: 1, visit: true,
		agree: "经调解，商家同意为消费者更换新机（价值{退赔}元）。"},
	{weight: 6, sectors: []string{"appliance"}, cat: goods, sub: "家用电器", items: []string{"空调", "冰箱", "洗衣机", "热水器", "电视机", "油烟机"},
		facts: []string{
			"消费者{日期}在{商家}购买{物品}，价格{金额}元，使用{天数}天后出现故障，商家一直拖延不予维修。",
			"消费者在{商家}购买{物品}，送货安装后发现外观有明显划痕，疑似样机，价格{金额}元。",
		},
		request: "要求退货或更换。", lo: 1500, hi: 9000, rlo: 0.5, rhi: 1, visit: true,
		agree: "经调解，商家同意更换新品（价值{退赔}元）。"},
	{weight: 5, sectors: []string{"repair"}, cat: services, sub: "家电维修", items: []string{"热水器", "空调", "燃气灶", "洗衣机"},
		facts:   []string{"消费者{日期}请{商家}上门维修{物品}，师傅更换一个配件收费{金额}元，事后查询该配件市场价远低于收费，维修后一周又出现同样故障。"},
		request: "要求退还多收的费用并免费维修。", lo: 150, hi: 1500, rlo: 0.3, rhi: 0.9, visit: true,
		report: "举报该维修部虚报配件价格。",
		agree:  "经调解，维修部退还{退赔}元并免费重新维修。"},
	{weight: 14, sectors: []string{"online"}, cat: goods, sub: "网络购物", items: []string{"电热毯", "儿童玩具", "保温杯", "床上四件套", "蓝牙耳机", "化妆品套装", "运动鞋"},
		facts: []string{
			"消费者{日期}在{平台}上的“{商家}”网店购买{物品}，付款{金额}元后商家一直未发货，联系客服无人回复。平台显示该店登记地址在瑞昌。",
			"消费者在{平台}“{商家}”网店购买的{物品}收货后与详情页描述严重不符，疑似假冒产品，申请七日无理由退货被拒，货款{金额}元。",
		},
		request: "要求退款。", lo: 25, hi: 900, rlo: 1, rhi: 1,
		report: "举报该网店销售假冒伪劣商品，登记地址无法找到经营者。",
		agree:  "经调解（经托管企业联系到经营者），商家退还货款{退赔}元。"},
	{weight: 3, sectors: []string{"clothing"}, cat: goods, sub: "服装鞋帽", items: []string{"皮鞋", "羽绒服", "运动鞋"},
		facts:   []string{"消费者{日期}在{商家}购买{物品}，价格{金额}元，穿了不到半个月就开胶（掉色），商家称不保修。"},
		request: "要求退货退款。", lo: 120, hi: 900, rlo: 0.5, rhi: 1, visit: true,
		agree: "经调解，商家同意退货并退款{退赔}元。"},
	{weight: 4, sectors: []string{"agri"}, cat: goods, sub: "农资（种子化肥）", items: []string{"水稻种子", "复合肥", "棉花种子"},
		facts:   []string{"消费者{日期}从{商家}购买{物品}，花费{金额}元，使用后出苗率极低，同村使用同批次产品的农户也出现同样情况。"},
		request: "要求赔偿减产损失。", lo: 600, hi: 8000, rlo: 0.4, rhi: 0.9, visit: true,
		agree: "经现场调解，经营部同意赔偿损失{退赔}元。"},
	{weight: 3, sectors: []string{"ebike"}, cat: goods, sub: "电动自行车", items: []string{"电动车电池", "电动自行车"},
		facts:   []string{"消费者{日期}在{商家}购买{物品}，价格{金额}元，不到半年续航明显下降，在保修期内商家拒绝更换。"},
		request: "要求在保修期内免费更换电池。", lo: 400, hi: 3200, rlo: 0.4, rhi: 1, visit: true,
		agree: "经调解，商家免费更换电池（价值{退赔}元）。"},
	{weight: 2, sectors: []string{"furniture"}, cat: goods, sub: "家具", items: []string{"实木沙发", "衣柜", "餐桌"},
		facts:   []string{"消费者{日期}在{商家}订购{物品}，价款{金额}元，送货后发现材质与样品不符，实为板材贴皮。"},
		request: "要求退货退款。", lo: 2500, hi: 15000, rlo: 0.3, rhi: 0.8, visit: true,
		report: "举报该家具城虚假宣传“纯实木”。",
		agree:  "经调解，家具城同意部分退款{退赔}元。"},
	{weight: 2, sectors: []string{"pharmacy"}, cat: goods, sub: "保健食品", items: []string{"保健食品", "深海鱼油"},
		facts:   []string{"消费者家中老人{日期}在{商家}购买{物品}，花费{金额}元，店员宣传可以治疗高血压，服用后没有任何效果。"},
		request: "要求退货退款。", lo: 300, hi: 3000, rlo: 0.6, rhi: 1, visit: true,
		report: "举报该店宣传保健食品具有疾病治疗功能。",
		agree:  "经调解，药房同意退货并退款{退赔}元。"},
	{weight: 1, sectors: []string{"travel"}, cat: services, sub: "旅游服务", items: []string{"跟团游"},
		facts:   []string{"消费者报名{商家}组织的{物品}，团费{金额}元，行程中被导游安排进入多个购物店，景点游览时间大幅缩短，与合同约定不符。"},
		request: "要求赔偿违约损失。", lo: 800, hi: 4000, rlo: 0.2, rhi: 0.5,
		agree: "经调解，旅行社赔偿{退赔}元。"},
	{weight: 1, sectors: []string{"photo"}, cat: services, sub: "摄影服务（预付费）", items: []string{"婚纱照套餐"},
		facts:   []string{"消费者{日期}在{商家}预订{物品}，付全款{金额}元，拍摄后商家以选片、精修为由不断加价，否则不交付底片。"},
		request: "要求按合同交付照片，不另外收费。", lo: 2000, hi: 8000, rlo: 0.1, rhi: 0.4, visit: true,
		agree: "经调解，商家按合同交付全部照片并退还加收费用{退赔}元。"},
	{weight: 3, sectors: []string{"market"}, cat: goods, sub: "食品（计量）", items: []string{"猪肉", "鲜鱼", "牛肉", "蔬菜"},
		facts:   []string{"消费者{日期}在{商家}购买{物品}，付款{金额}元，回家复秤发现短少近两成。"},
		request: "要求退还短缺部分货款并赔偿。", lo: 20, hi: 150, rlo: 1, rhi: 3, visit: true,
		report: "举报该摊位使用的电子秤疑似作弊，缺斤短两。",
		agree:  "经市场投诉站现场复秤调解，摊主补足差价并赔偿，共计{退赔}元。"},
	{weight: 3, sectors: []string{"supermarket"}, cat: goods, sub: "日用品（价格）", items: []string{"洗衣液", "食用油", "大米", "纸巾"},
		facts:   []string{"消费者{日期}在{商家}购买促销{物品}，货架标价与结账价格不一致，多收{金额}元。"},
		request: "要求退还多收的差价。", lo: 5, hi: 80, rlo: 1, rhi: 2, visit: true,
		report: "举报该超市价签与结算价不一致。",
		agree:  "经调解，超市退还差价并补偿，共{退赔}元。"},
}
