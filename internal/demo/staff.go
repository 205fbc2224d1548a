package demo

import (
	"errors"
	"fmt"

	"weiquan/internal/auth"
	"weiquan/internal/store"
)

// Password is the password of every demo account, as the serve banner says.
const Password = "weiquan-demo-2026"

// staffNames are the display names of the demo staff, all invented.
var staffNames = []string{
	"刘建华", "陈志远", "周敏", "吴晓燕", "郑国平", "孙丽娟", "黄志强", "徐海燕", "胡俊杰", "朱文华",
	"何春梅", "罗明辉", "梁红霞", "宋德胜", "谢玉兰", "韩志勇", "唐金凤", "冯家豪", "邓冬梅", "曹水生",
	"彭晓东", "曾丽萍", "肖振华", "田秀芳", "董立新", "袁桂英", "潘永明", "蒋雪梅", "蔡文斌", "余婷婷",
	"杜建军", "叶小兰", "程思远", "柯国庆", "熊美玲",
}

// buildStaff creates every role's accounts: two heads of the office, three intake
// operators, mediators at the office, the joint mediation centre and the stations,
// a judge, a partner liaison and accounts for three merchants.
func (f *filler) buildStaff() error {
	names := staffNames
	next := func() string {
		n := names[0]
		names = names[1:]
		return n
	}
	officeID, countyID := f.hq.ID, f.county.ID
	for i := 1; i <= 2; i++ {
		title := []string{"（秘书长）", "（消保股股长）"}[i-1]
		u := auth.User{Username: fmt.Sprintf("supervisor%d", i), DisplayName: next() + title, Role: auth.Supervisor, AreaID: &countyID, StationID: &officeID}
		if err := f.user(&u); err != nil {
			return err
		}
		f.supervisors = append(f.supervisors, u)
	}
	for i := 1; i <= 3; i++ {
		u := auth.User{Username: fmt.Sprintf("operator%d", i), DisplayName: next(), Role: auth.Operator, AreaID: &countyID, StationID: &officeID}
		if err := f.user(&u); err != nil {
			return err
		}
		f.operators = append(f.operators, u)
	}
	n := 0
	mediator := func(stationID, areaID int64) (int, error) {
		n++
		u := auth.User{Username: fmt.Sprintf("mediator%d", n), DisplayName: next(), Role: auth.Mediator, AreaID: &areaID, StationID: &stationID}
		if err := f.user(&u); err != nil {
			return 0, err
		}
		f.mediators = append(f.mediators, u)
		return len(f.mediators) - 1, nil
	}
	for _, st := range []int64{f.hq.ID, f.hq.ID, f.court.ID} {
		i, err := mediator(st, countyID)
		if err != nil {
			return err
		}
		f.centreMediators = append(f.centreMediators, i)
	}
	for _, tw := range f.towns {
		i, err := mediator(tw.station.ID, tw.area.ID)
		if err != nil {
			return err
		}
		tw.mediator = i
	}
	for _, sd := range localStations {
		va, _ := f.village(sd.town, sd.village)
		for j := range f.posts[va.ID] {
			p := &f.posts[va.ID][j]
			if p.station.Name != sd.name || !sd.mediator {
				continue
			}
			i, err := mediator(p.station.ID, va.ID)
			if err != nil {
				return err
			}
			p.mediator = i
		}
	}
	courtID := f.courtHouse.ID // the judge sits in the court, not in the joint mediation centre
	f.judge = auth.User{Username: "judge1", DisplayName: next() + "（法官）", Role: auth.Judge, AreaID: &countyID, StationID: &courtID}
	if err := f.user(&f.judge); err != nil {
		return err
	}
	liaison := auth.User{Username: "liaison1", DisplayName: next() + "（市公安局联络员）", Role: auth.Liaison, AreaID: &countyID}
	if err := f.user(&liaison); err != nil {
		return err
	}
	for i, key := range []string{"惠民购物广场", "通达汽车", "云商集群"} {
		m := f.merchantNamed(key)
		if m == nil {
			return fmt.Errorf("demo: no merchant like %s", key)
		}
		id := m.m.ID
		u := auth.User{Username: fmt.Sprintf("merchant%d", i+1), DisplayName: next() + "（" + key + "）", Role: auth.Merchant, MerchantID: &id}
		if err := f.user(&u); err != nil {
			return err
		}
	}
	return nil
}

// user creates an account with the demo password, or takes the one that already has the name.
func (f *filler) user(u *auth.User) error {
	old, err := f.svc.UserByName(f.ctx, auth.System, u.Username)
	if err == nil {
		*u = old
		return nil
	}
	if !errors.Is(err, store.ErrNotFound) {
		return fmt.Errorf("demo: user %s: %w", u.Username, err)
	}
	u.Active, u.Lang = true, "zh-CN"
	if err := f.bs.CreateUser(f.ctx, u, Password); err != nil {
		return fmt.Errorf("demo: user %s: %w", u.Username, err)
	}
	return nil
}
