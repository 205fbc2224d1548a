package demo

import (
	"fmt"

	"weiquan/internal/dispatch"
)

// townData is a township or sub-district of the demo county with its villages or
// communities and a rough centre for check-in positions.
type townData struct {
	name     string
	kind     dispatch.Kind
	villages []string
	lat, lng float64
	weight   int // share of the county's matters
}

// The county is modelled on Ruichang (瑞昌市): two sub-districts form the city
// proper, the rest are townships. Village names are plausible, not a census.
var townsData = []townData{
	{"湓城街道", dispatch.KindUrban, []string{"东街社区", "西街社区", "城南社区", "赤乌社区"}, 29.676, 115.668, 26},
	{"桂林街道", dispatch.KindUrban, []string{"桂林社区", "长安社区", "丁家山社区"}, 29.690, 115.640, 20},
	{"码头镇", dispatch.KindTownship, []string{"码头社区", "东港村", "西湖村"}, 29.752, 115.761, 7},
	{"白杨镇", dispatch.KindTownship, []string{"白杨社区", "程家村", "桥头村"}, 29.601, 115.583, 5},
	{"南阳乡", dispatch.KindTownship, []string{"南阳村", "塘下村", "石门村"}, 29.553, 115.702, 3},
	{"范镇", dispatch.KindTownship, []string{"范镇社区", "沙塘村", "新屋村"}, 29.722, 115.563, 5},
	{"肇陈镇", dispatch.KindTownship, []string{"肇陈社区", "毛竹村", "大塘村"}, 29.631, 115.492, 4},
	{"高丰镇", dispatch.KindTownship, []string{"高丰社区", "青山村", "枫树村"}, 29.582, 115.433, 4},
	{"峨嵋乡", dispatch.KindTownship, []string{"峨嵋村", "松林村", "石桥村"}, 29.521, 115.604, 2},
	{"洪一乡", dispatch.KindTownship, []string{"洪一村", "源头村", "下畈村"}, 29.472, 115.521, 2},
	{"乐园乡", dispatch.KindTownship, []string{"乐园村", "横山村", "富民村"}, 29.662, 115.351, 2},
	{"花园乡", dispatch.KindTownship, []string{"花园村", "黄桥村", "长岭村"}, 29.571, 115.782, 2},
	{"横港镇", dispatch.KindTownship, []string{"横港社区", "马鞍村", "柳林村"}, 29.452, 115.683, 4},
	{"夏畈镇", dispatch.KindTownship, []string{"夏畈社区", "铺头村", "畈上村"}, 29.781, 115.662, 4},
}

// stationData is a station below township level: "12315五进" into communities,
// markets, supermarkets and enterprises. mediator says whether staff sit there.
type stationData struct {
	town, village string
	name          string
	host          dispatch.HostType
	mediator      bool
}

var localStations = []stationData{
	{"湓城街道", "东街社区", "东街社区消费维权工作站", dispatch.HostCommunity, true},
	{"桂林街道", "长安社区", "长安社区消费维权工作站", dispatch.HostCommunity, false},
	{"码头镇", "码头社区", "码头社区12315联络站", dispatch.HostCommunity, false},
	{"湓城街道", "城南社区", "农贸中心市场消费者投诉站", dispatch.HostMarket, true},
	{"桂林街道", "桂林社区", "桂林农贸市场12315联络站", dispatch.HostMarket, false},
	{"码头镇", "码头社区", "码头农贸市场消费者投诉站", dispatch.HostMarket, true},
	{"湓城街道", "西街社区", "惠民购物广场消费维权服务站", dispatch.HostSupermarket, true},
	{"桂林街道", "丁家山社区", "万家福超市12315联络站", dispatch.HostSupermarket, false},
	{"白杨镇", "白杨社区", "白杨便民超市消费者投诉站", dispatch.HostSupermarket, false},
	{"桂林街道", "长安社区", "通达汽车12315联络站", dispatch.HostEnterprise, true},
	{"湓城街道", "赤乌社区", "佳惠家电商场消费维权工作站", dispatch.HostEnterprise, false},
}

// town is a township as created, with what hangs off it.
type town struct {
	data     townData
	area     dispatch.Area
	villages []dispatch.Area
	station  dispatch.Station
	mediator int // index into filler.mediators
}

// post is a station with the mediator who answers its dispatches (-1: the township's).
type post struct {
	station  dispatch.Station
	mediator int
}

// buildNetwork creates the county, its townships and villages, and every station.
func (f *filler) buildNetwork() error {
	county := dispatch.Area{Name: "瑞昌市", Code: "360481", Level: dispatch.County, Kind: dispatch.KindUrban}
	if err := f.area(&county); err != nil {
		return err
	}
	f.county = county
	for _, td := range townsData {
		tw := &town{data: td, area: dispatch.Area{ParentID: &county.ID, Name: td.name, Level: dispatch.Township, Kind: td.kind}}
		if err := f.area(&tw.area); err != nil {
			return err
		}
		for _, v := range td.villages {
			va := dispatch.Area{ParentID: &tw.area.ID, Name: v, Level: dispatch.Village, Kind: td.kind}
			if err := f.area(&va); err != nil {
				return err
			}
			tw.villages = append(tw.villages, va)
			f.townOf[va.ID] = tw
		}
		f.townOf[tw.area.ID] = tw
		f.towns = append(f.towns, tw)
	}

	f.hq = dispatch.Station{AreaID: county.ID, Name: "瑞昌市消费者权益保护委员会（12315投诉举报中心）", HostType: dispatch.HostCentre,
		Address: "瑞昌市湓城街道赤乌社区人民路18号", Phone: "12315", Hours: "周一至周五 8:30–12:00，14:30–17:30；热线 24 小时"}
	f.court = dispatch.Station{AreaID: county.ID, Name: "瑞昌市消费纠纷一站式司法联合调解中心", HostType: dispatch.HostCentre,
		Address: "瑞昌市湓城街道赤乌社区人民路18号二楼", Phone: "0792-4800315", Hours: "周一至周五 8:30–17:30"}
	// The court itself: its judges sit there and see only what it delegated or was asked to confirm.
	f.courtHouse = dispatch.Station{AreaID: county.ID, Name: "瑞昌市人民法院", HostType: dispatch.HostCentre,
		Address: "瑞昌市湓城街道人民路 150 号", Phone: "0792-4222001", Hours: "周一至周五 8:30–17:30"}
	for _, st := range []*dispatch.Station{&f.hq, &f.court, &f.courtHouse} {
		if err := f.station(st); err != nil {
			return err
		}
	}
	for i, tw := range f.towns {
		name := tw.data.name + "消费维权服务站"
		if tw.data.name == "码头镇" {
			name = "码头镇消费维权服务站（消保委码头分会）"
		}
		tw.station = dispatch.Station{AreaID: tw.area.ID, Name: name, HostType: dispatch.HostTownship,
			Address: "瑞昌市" + tw.data.name + "人民政府便民服务中心", Phone: fmt.Sprintf("0792-48%05d", 10+i), Hours: "周一至周五 8:30–17:30"}
		if err := f.station(&tw.station); err != nil {
			return err
		}
	}
	for i, sd := range localStations {
		va, ok := f.village(sd.town, sd.village)
		if !ok {
			return fmt.Errorf("demo: station %s: no area %s%s", sd.name, sd.town, sd.village)
		}
		st := dispatch.Station{AreaID: va.ID, Name: sd.name, HostType: sd.host,
			Address: "瑞昌市" + sd.town + sd.village, Phone: fmt.Sprintf("0792-48%05d", 100+i), Hours: "工作日 9:00–17:00（村委会内）"}
		if err := f.station(&st); err != nil {
			return err
		}
		f.posts[va.ID] = append(f.posts[va.ID], post{station: st, mediator: -1})
	}
	return nil
}

// village finds a village or community by its township and name.
func (f *filler) village(townName, name string) (dispatch.Area, bool) {
	for _, tw := range f.towns {
		if tw.data.name != townName {
			continue
		}
		for _, v := range tw.villages {
			if v.Name == name {
				return v, true
			}
		}
	}
	return dispatch.Area{}, false
}

// area creates an area unless one of that name already hangs under the same parent.
func (f *filler) area(a *dispatch.Area) error {
	for _, old := range f.oldAreas {
		if old.Name == a.Name && sameID(old.ParentID, a.ParentID) {
			*a = old
			return nil
		}
	}
	if err := f.bs.CreateArea(f.ctx, a); err != nil {
		return fmt.Errorf("demo: area %s: %w", a.Name, err)
	}
	return nil
}

// station creates a station unless its area already has one of that name.
func (f *filler) station(st *dispatch.Station) error {
	for _, old := range f.oldStations {
		if old.Name == st.Name && old.AreaID == st.AreaID {
			*st = old
			return nil
		}
	}
	st.Active = true
	if err := f.bs.SaveStation(f.ctx, st); err != nil {
		return fmt.Errorf("demo: station %s: %w", st.Name, err)
	}
	return nil
}

func sameID(a, b *int64) bool {
	return (a == nil && b == nil) || (a != nil && b != nil && *a == *b)
}
