package demo

import (
	"fmt"

	"weiquan/internal/casework"
	"weiquan/internal/dispatch"
)

var (
	surnames = []string{"王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡",
		"郭", "何", "高", "林", "罗", "郑", "梁", "谢", "宋", "唐", "许", "韩", "冯", "邓", "曹", "彭", "曾", "肖",
		"田", "董", "袁", "潘", "蒋", "蔡", "余", "杜", "叶", "程", "柯", "熊", "桂", "汪", "万", "江", "石"}
	givenNames = []string{"建国", "秀英", "桂兰", "志强", "海燕", "小红", "俊杰", "文华", "丽娟", "春梅", "国平",
		"红霞", "明辉", "晓燕", "子涵", "雨欣", "浩然", "思远", "玉兰", "金凤", "德胜", "水生", "冬梅", "家豪",
		"婷婷", "志勇", "伟", "芳", "敏", "静", "磊", "洋", "勇", "艳", "军", "杰", "娟", "涛", "超", "霞",
		"慧敏", "少华", "永红", "雪梅", "建平", "爱华", "佳怡", "梓轩", "一鸣", "欣怡", "国强", "淑珍", "长青"}
	mobilePrefixes = []string{"138", "139", "137", "135", "159", "188", "187", "152", "177", "199", "136", "158"}
	streets        = []string{"人民路", "赤乌大道", "湓浦路", "建设路", "桂林路", "长安路", "滨湖路", "东街", "西街", "创业大道"}
)

// person invents a consumer: a name, an obviously fictional mobile number
// (1xx 0000 xxxx) and an address in a place of the county.
func (f *filler) person(tw *town, village *dispatch.Area) casework.Party {
	name := surnames[f.rnd.IntN(len(surnames))] + givenNames[f.rnd.IntN(len(givenNames))]
	phone := fmt.Sprintf("%s0000%04d", mobilePrefixes[f.rnd.IntN(len(mobilePrefixes))], f.rnd.IntN(10000))
	var addr string
	switch {
	case tw.data.kind == dispatch.KindUrban:
		addr = fmt.Sprintf("瑞昌市%s%s%s%d号%d栋%d0%d室", tw.data.name, village.Name, streets[f.rnd.IntN(len(streets))],
			1+f.rnd.IntN(300), 1+f.rnd.IntN(12), 1+f.rnd.IntN(9), 1+f.rnd.IntN(4))
	default:
		addr = fmt.Sprintf("瑞昌市%s%s%d组%d号", tw.data.name, village.Name, 1+f.rnd.IntN(12), 1+f.rnd.IntN(80))
	}
	return casework.Party{Name: name, Phone: phone, Address: addr}
}

// home picks where a consumer lives, weighted by the townships' share of matters.
func (f *filler) home() (*town, *dispatch.Area) {
	total := 0
	for _, tw := range f.towns {
		total += tw.data.weight
	}
	n := f.rnd.IntN(total)
	for _, tw := range f.towns {
		if n < tw.data.weight {
			return tw, &tw.villages[f.rnd.IntN(len(tw.villages))]
		}
		n -= tw.data.weight
	}
	tw := f.towns[0]
	return tw, &tw.villages[0]
}

// position is a point near a village for a mediator's check-in.
func (f *filler) position(tw *town) (lat, lng float64) {
	lat = tw.data.lat + (f.rnd.Float64()-0.5)*0.02
	lng = tw.data.lng + (f.rnd.Float64()-0.5)*0.02
	return float64(int(lat*1e5)) / 1e5, float64(int(lng*1e5)) / 1e5
}
