package cli

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strconv"

	"weiquan/internal/auth"
	"weiquan/internal/calendar"
	"weiquan/internal/invalid"
)

const calendarUsage = `usage / 用法:
  weiquan calendar years                 list the loaded years / 列出已导入的年份
  weiquan calendar load FILE             load the years in a CSV (date,kind,name,source), replacing them / 导入（替换）CSV 中的年份
  weiquan calendar export YEAR           print a year as CSV / 以 CSV 输出某年
  weiquan calendar add-workdays DATE N   the date N working days after DATE / DATE 之后第 N 个工作日
  weiquan calendar workdays YEAR         the number of working days in YEAR / 某年工作日天数`

// errNoYear explains in both languages that a year's State Council notice is missing (R-L43).
func errNoYear(year int) error {
	return fmt.Errorf("%d 年的法定节假日安排尚未导入，无法计算；请用 weiquan calendar load 导入国务院通知 / "+
		"no official holiday calendar is loaded for %d, so working days cannot be counted; load the State Council notice with weiquan calendar load", year, year)
}

func runCalendar(ctx context.Context, env *Env, args []string) error {
	if len(args) == 0 {
		return errors.New(calendarUsage)
	}
	sub, pos := args[0], args[1:]
	want := map[string]int{"years": 0, "load": 1, "export": 1, "add-workdays": 2, "workdays": 1}
	n, ok := want[sub]
	if !ok {
		return fmt.Errorf("unknown calendar command %q / 未知的子命令\n%s", sub, calendarUsage)
	}
	if len(pos) != n {
		return errors.New(calendarUsage)
	}
	var days []calendar.Day
	if sub == "load" {
		f, err := os.Open(pos[0])
		if err != nil {
			return err
		}
		days, err = calendar.ParseCSV(f)
		f.Close()
		if err != nil {
			return fmt.Errorf("%s: %w", pos[0], err)
		}
	}
	svc, err := env.Open(ctx)
	if err != nil {
		return err
	}
	defer svc.Close()
	cal, err := svc.Calendar(ctx, auth.System)
	if err != nil {
		return err
	}
	switch sub {
	case "years":
		years, err := svc.CalendarYears(ctx, auth.System)
		if err != nil {
			return err
		}
		for _, y := range years {
			wd, _ := cal.WorkdaysInYear(y.Year)
			fmt.Fprintf(env.Stdout, "%d\t%d days listed / 条\t%d working days / 个工作日\n", y.Year, y.Days, wd)
		}
	case "load":
		loaded, moved, err := svc.LoadCalendar(ctx, nil, days, "cli")
		if errs, ok := invalid.As(err); ok && len(errs) > 0 {
			return fmt.Errorf("%s: %s", pos[0], errs[0].Args["detail"])
		}
		if err != nil {
			return err
		}
		for _, y := range loaded {
			fmt.Fprintf(env.Stdout, "%d: %d days loaded, %d working days / 已导入 %d 条，%d 个工作日\n", y.Year, y.Days, y.Workdays, y.Days, y.Workdays)
		}
		fmt.Fprintf(env.Stdout, "%d matters' deadlines recounted / %d 件事项的期限已重新计算\n", moved, moved)
	case "export":
		y, err := strconv.Atoi(pos[0])
		if err != nil {
			return fmt.Errorf("bad year %q / 年份有误", pos[0])
		}
		days, err := svc.CalendarYearDays(ctx, auth.System, y)
		if err != nil {
			return err
		}
		if len(days) == 0 {
			return errNoYear(y)
		}
		return calendar.WriteCSV(env.Stdout, days)
	case "add-workdays":
		from, err := calendar.ParseDate(pos[0])
		if err != nil {
			return fmt.Errorf("bad date %q, want YYYY-MM-DD / 日期格式应为 YYYY-MM-DD", pos[0])
		}
		k, err := strconv.Atoi(pos[1])
		if err != nil || k < 0 || k > 3650 {
			return fmt.Errorf("bad number of working days %q / 工作日数有误", pos[1])
		}
		due, err := cal.AddWorkdays(from, k)
		if errors.Is(err, calendar.ErrNoCalendar) {
			y := from.AddDays(1).Year
			for cal.Covers(y) {
				y++
			}
			return errNoYear(y)
		}
		if err != nil {
			return err
		}
		fmt.Fprintln(env.Stdout, due)
	case "workdays":
		y, err := strconv.Atoi(pos[0])
		if err != nil {
			return fmt.Errorf("bad year %q / 年份有误", pos[0])
		}
		if !cal.Covers(y) {
			return errNoYear(y)
		}
		wd, err := cal.WorkdaysInYear(y)
		if err != nil {
			return err
		}
		fmt.Fprintln(env.Stdout, wd)
	}
	return nil
}
