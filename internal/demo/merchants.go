package demo

import (
	"fmt"
	"strings"

	"weiquan/internal/auth"
	"weiquan/internal/merchant"
	"weiquan/internal/service"
)

// shopData is one merchant of the demo registry. sector ties it to the
// complaint scenarios; weight makes a few of them the usual suspects.
type shopData struct {
	name        string
	typ         merchant.Type
	sector      string
	town, place string // area: township and village; "" with outside for merchants beyond the county
	addr        string
	weight      int
	platform    string
	custody     string // name of the custody company of a cluster-registered shop
	unreachable bool
	noUSCC      bool
	outside     string // division code of a merchant registered outside the county
}

const (
	ent = merchant.Enterprise
	ind = merchant.Individual
	web = merchant.OnlineShop
)

// All names are invented. Cluster-registered shops sit at their custody
// company's address; several can no longer be reached there.
var shopsData = []shopData{
	{name: "瑞昌市云商集群注册托管服务有限公司", typ: ent, sector: "custody", town: "湓城街道", place: "赤乌社区", addr: "电商产业园3号楼", weight: 1},
	{name: "瑞昌市赣北电商产业园管理有限公司", typ: ent, sector: "custody", town: "桂林街道", place: "丁家山社区", addr: "创业大道66号", weight: 1},
	{name: "瑞昌市兴乐淘百货店", typ: web, sector: "online", platform: "拼多多", custody: "云商集群", unreachable: true, weight: 5},
	{name: "瑞昌市聚优品百货店", typ: web, sector: "online", platform: "拼多多", custody: "云商集群", unreachable: true, weight: 4},
	{name: "瑞昌市佳辰优选百货店", typ: web, sector: "online", platform: "抖音小店", custody: "云商集群", weight: 3},
	{name: "瑞昌市鑫盛源日用品店", typ: web, sector: "online", platform: "快手小店", custody: "云商集群", unreachable: true, weight: 3},
	{name: "瑞昌市禾丰顺百货店", typ: web, sector: "online", platform: "淘宝", custody: "云商集群", weight: 2},
	{name: "瑞昌市小橙子母婴用品店", typ: web, sector: "online", platform: "拼多多", custody: "赣北电商", weight: 2},
	{name: "瑞昌市美妆汇化妆品店", typ: web, sector: "online", platform: "抖音小店", custody: "赣北电商", unreachable: true, weight: 3},
	{name: "瑞昌市鸿运来服饰店", typ: web, sector: "online", platform: "淘宝", custody: "赣北电商", weight: 2},
	{name: "瑞昌市知味轩食品店", typ: web, sector: "online", platform: "拼多多", custody: "赣北电商", weight: 2},
	{name: "瑞昌市数码优品电子产品店", typ: web, sector: "online", platform: "快手小店", custody: "赣北电商", weight: 2},
	{name: "杭州优选家居日用品有限公司", typ: web, sector: "online", platform: "天猫", outside: "330110", addr: "浙江省杭州市余杭区文一西路1288号", weight: 1},
	{name: "九江市鼎盛汽车贸易有限公司", typ: ent, sector: "car", outside: "360402", addr: "九江市濂溪区十里大道88号", weight: 1},
	{name: "瑞昌惠民购物广场有限公司", typ: ent, sector: "supermarket", town: "湓城街道", place: "西街社区", addr: "人民路88号", weight: 6},
	{name: "瑞昌市万家福超市有限公司", typ: ent, sector: "supermarket", town: "桂林街道", place: "丁家山社区", addr: "桂林路126号", weight: 5},
	{name: "瑞昌市家家乐生活超市有限公司", typ: ent, sector: "supermarket", town: "桂林街道", place: "桂林社区", addr: "长安路9号", weight: 3},
	{name: "瑞昌市白杨镇便民超市", typ: ind, sector: "supermarket", town: "白杨镇", place: "白杨社区", addr: "白杨街32号", weight: 2},
	{name: "瑞昌市码头镇惠万家超市", typ: ind, sector: "supermarket", town: "码头镇", place: "码头社区", addr: "沿江路15号", weight: 2},
	{name: "瑞昌市横港镇兴旺超市", typ: ind, sector: "supermarket", town: "横港镇", place: "横港社区", addr: "横港街8号", weight: 1},
	{name: "瑞昌市范镇小李便利店", typ: ind, sector: "supermarket", town: "范镇", place: "沙塘村", addr: "沙塘组21号", weight: 1, noUSCC: true},
	{name: "瑞昌市南阳乡平价百货店", typ: ind, sector: "supermarket", town: "南阳乡", place: "南阳村", addr: "南阳街3号", weight: 1},
	{name: "瑞昌市农贸中心市场张记猪肉摊", typ: ind, sector: "market", town: "湓城街道", place: "城南社区", addr: "农贸中心市场A区12号", weight: 2},
	{name: "瑞昌市码头镇农贸市场鲜鱼档", typ: ind, sector: "market", town: "码头镇", place: "码头社区", addr: "码头农贸市场水产区5号", weight: 1, noUSCC: true},
	{name: "瑞昌市桂林农贸市场蔬菜批发部", typ: ind, sector: "market", town: "桂林街道", place: "桂林社区", addr: "桂林农贸市场B区7号", weight: 1},
	{name: "瑞昌市湓浦人家餐饮有限公司", typ: ent, sector: "restaurant", town: "湓城街道", place: "东街社区", addr: "湓浦路66号", weight: 2},
	{name: "瑞昌市老街口酒楼", typ: ind, sector: "restaurant", town: "湓城街道", place: "西街社区", addr: "西街老街口2号", weight: 2},
	{name: "瑞昌市味之源快餐店", typ: ind, sector: "restaurant", town: "桂林街道", place: "长安社区", addr: "长安路40号", weight: 1},
	{name: "瑞昌市码头镇江鲜大排档", typ: ind, sector: "restaurant", town: "码头镇", place: "东港村", addr: "江堤路1号", weight: 1},
	{name: "瑞昌市丽人坊美容美发有限公司", typ: ent, sector: "beauty", town: "湓城街道", place: "东街社区", addr: "东街58号", weight: 4},
	{name: "瑞昌市颜如玉美容养生馆", typ: ind, sector: "beauty", town: "桂林街道", place: "桂林社区", addr: "桂林路33号", weight: 2},
	{name: "瑞昌市名剪造型美发店", typ: ind, sector: "beauty", town: "湓城街道", place: "赤乌社区", addr: "赤乌大道101号", weight: 2},
	{name: "瑞昌市力健健身服务有限公司", typ: ent, sector: "gym", town: "桂林街道", place: "长安社区", addr: "长安路88号三楼", weight: 2},
	{name: "瑞昌市启航教育培训学校有限公司", typ: ent, sector: "training", town: "湓城街道", place: "城南社区", addr: "建设路20号", weight: 2},
	{name: "瑞昌市童画艺术培训中心有限公司", typ: ent, sector: "training", town: "桂林街道", place: "丁家山社区", addr: "桂林路210号二楼", weight: 1},
	{name: "瑞昌市通达汽车销售服务有限公司", typ: ent, sector: "car", town: "桂林街道", place: "长安社区", addr: "长安大道168号", weight: 3},
	{name: "瑞昌市恒信汽车贸易有限公司", typ: ent, sector: "car", town: "桂林街道", place: "丁家山社区", addr: "创业大道18号", weight: 2},
	{name: "瑞昌市顺驰二手车经纪有限公司", typ: ent, sector: "usedcar", town: "桂林街道", place: "丁家山社区", addr: "创业大道26号", weight: 2},
	{name: "瑞昌市锦绣置业有限公司", typ: ent, sector: "property", town: "湓城街道", place: "城南社区", addr: "滨湖路1号", weight: 2},
	{name: "瑞昌市滨江房地产开发有限公司", typ: ent, sector: "property", town: "码头镇", place: "码头社区", addr: "沿江路100号", weight: 1},
	{name: "瑞昌市安居装饰工程有限公司", typ: ent, sector: "decor", town: "湓城街道", place: "赤乌社区", addr: "赤乌大道56号", weight: 2},
	{name: "瑞昌市讯通通信服务有限公司", typ: ent, sector: "telecom", town: "湓城街道", place: "西街社区", addr: "人民路120号", weight: 4},
	{name: "瑞昌市数码港手机店", typ: ind, sector: "phone", town: "湓城街道", place: "东街社区", addr: "东街12号", weight: 2},
	{name: "瑞昌市码头镇天天通讯店", typ: ind, sector: "phone", town: "码头镇", place: "码头社区", addr: "沿江路36号", weight: 1},
	{name: "瑞昌市佳惠家电商场有限公司", typ: ent, sector: "appliance", town: "湓城街道", place: "赤乌社区", addr: "赤乌大道200号", weight: 3},
	{name: "瑞昌市白杨镇富民家电商行", typ: ind, sector: "appliance", town: "白杨镇", place: "白杨社区", addr: "白杨街60号", weight: 1},
	{name: "瑞昌市美达电器维修服务部", typ: ind, sector: "repair", town: "湓城街道", place: "城南社区", addr: "建设路77号", weight: 2},
	{name: "瑞昌市家家帮家政维修服务有限公司", typ: ent, sector: "repair", town: "桂林街道", place: "桂林社区", addr: "桂林路8号", weight: 1},
	{name: "瑞昌市美家家具城有限公司", typ: ent, sector: "furniture", town: "桂林街道", place: "丁家山社区", addr: "创业大道50号", weight: 2},
	{name: "瑞昌市康宁大药房有限公司", typ: ent, sector: "pharmacy", town: "湓城街道", place: "东街社区", addr: "东街80号", weight: 2},
	{name: "瑞昌市时尚前沿服饰店", typ: ind, sector: "clothing", town: "湓城街道", place: "东街社区", addr: "步行街23号", weight: 1},
	{name: "瑞昌市步履鞋业专卖店", typ: ind, sector: "clothing", town: "桂林街道", place: "桂林社区", addr: "桂林路56号", weight: 1},
	{name: "瑞昌市范镇丰收农资经营部", typ: ind, sector: "agri", town: "范镇", place: "范镇社区", addr: "范镇街18号", weight: 2},
	{name: "瑞昌市高丰镇绿野农资店", typ: ind, sector: "agri", town: "高丰镇", place: "高丰社区", addr: "高丰街5号", weight: 1},
	{name: "瑞昌市肇陈镇惠农农资经营部", typ: ind, sector: "agri", town: "肇陈镇", place: "肇陈社区", addr: "肇陈街27号", weight: 1},
	{name: "瑞昌市骑乐电动车商行", typ: ind, sector: "ebike", town: "桂林街道", place: "长安社区", addr: "长安路150号", weight: 2},
	{name: "瑞昌市夏畈镇飞驰电动车行", typ: ind, sector: "ebike", town: "夏畈镇", place: "夏畈社区", addr: "夏畈街40号", weight: 1},
	{name: "瑞昌市青山国际旅行社有限公司", typ: ent, sector: "travel", town: "湓城街道", place: "西街社区", addr: "人民路66号", weight: 1},
	{name: "瑞昌市唯美婚纱摄影有限公司", typ: ent, sector: "photo", town: "湓城街道", place: "东街社区", addr: "东街101号", weight: 1},
}

// shop is a merchant as created, with what the scenarios need to know of it.
type shop struct {
	m      merchant.Merchant
	sector string
	weight int
	town   *town // nil for merchants outside the county and online shops' consumers' places
	local  bool  // a shop people walk into, where staff can be on site
}

// buildMerchants registers every merchant with a valid USCC (R-L41), custody
// companies first so their shops can point at them.
func (f *filler) buildMerchants() error {
	for i, sd := range shopsData {
		m := merchant.Merchant{Name: sd.name, Type: sd.typ, Platform: sd.platform, Unreachable: sd.unreachable,
			Phone: fmt.Sprintf("0792-4%06d", 810000+i*37)}
		division := "360481"
		var tw *town
		switch {
		case sd.outside != "":
			division, m.OutsideArea, m.Address = sd.outside, true, sd.addr
			m.Phone = ""
		case sd.custody != "":
			c := f.merchantNamed(sd.custody)
			if c == nil {
				return fmt.Errorf("demo: %s: no custody company %s", sd.name, sd.custody)
			}
			m.ClusterRegistered, m.CustodyID, m.AreaID = true, &c.m.ID, c.m.AreaID
			m.Address = fmt.Sprintf("%s（集群登记托管地址）%d室", c.m.Address, 301+i*7)
			m.Phone, tw = "", c.town
		default:
			va, ok := f.village(sd.town, sd.place)
			if !ok {
				return fmt.Errorf("demo: %s: no area %s%s", sd.name, sd.town, sd.place)
			}
			m.AreaID, m.Address, tw = &va.ID, "瑞昌市"+sd.town+sd.place+sd.addr, f.townOf[va.ID]
		}
		if !sd.noUSCC {
			kind := byte('1')
			if sd.typ != merchant.Enterprise {
				kind = '2'
			}
			m.USCC = f.uscc(kind, division)
		}
		if err := f.merchant(&m); err != nil {
			return err
		}
		f.shops = append(f.shops, &shop{m: m, sector: sd.sector, weight: sd.weight, town: tw,
			local: sd.typ != merchant.OnlineShop && sd.outside == "" && sd.sector != "custody"})
	}
	_, err := f.gym() // the prepaid-card cluster's gym (credit.go)
	return err
}

// merchantNamed finds a created merchant by part of its name.
func (f *filler) merchantNamed(part string) *shop {
	for _, s := range f.shops {
		if strings.Contains(s.m.Name, part) {
			return s
		}
	}
	return nil
}

// merchant creates a merchant unless one with its USCC (or name) is already registered.
func (f *filler) merchant(m *merchant.Merchant) error {
	q := m.USCC
	if q == "" {
		q = m.Name
	}
	old, _, err := f.svc.Merchants(f.ctx, auth.System, service.MerchantQuery{Q: q, Limit: 1})
	if err != nil {
		return fmt.Errorf("demo: merchant %s: %w", m.Name, err)
	}
	if len(old) == 1 && (old[0].USCC == m.USCC || old[0].Name == m.Name) {
		*m = old[0]
		return nil
	}
	if err := f.bs.SaveMerchant(f.ctx, m); err != nil {
		return fmt.Errorf("demo: merchant %s: %w", m.Name, err)
	}
	return nil
}

// usccAlphabet is the GB 32100 alphabet (no I, O, S, V, Z).
const usccAlphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY"

var (
	usccWeights    = [17]int{1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28}
	orgCodeWeights = [8]int{3, 7, 9, 10, 5, 8, 4, 2}
)

// uscc makes a code the way a registry issues one: authority 9 (market
// regulation), kind 1 (enterprise) or 2 (individual business), the division,
// an organisation code "MA…" with its GB 11714 check, then the GB 32100 check.
func (f *filler) uscc(kind byte, division string) string {
	b := []byte{'9', kind}
	b = append(b, division...)
	b = append(b, 'M', 'A')
	for len(b) < 16 {
		b = append(b, usccAlphabet[f.rnd.IntN(len(usccAlphabet))])
	}
	sum := 0
	for i, c := range b[8:16] {
		v := int(c - '0')
		if c >= 'A' {
			v = int(c-'A') + 10
		}
		sum += v * orgCodeWeights[i]
	}
	switch r := 11 - sum%11; r {
	case 10:
		b = append(b, 'X')
	case 11:
		b = append(b, '0')
	default:
		b = append(b, byte('0'+r))
	}
	sum = 0
	for i, c := range b {
		sum += strings.IndexByte(usccAlphabet, c) * usccWeights[i]
	}
	return string(append(b, usccAlphabet[(31-sum%31)%31]))
}
