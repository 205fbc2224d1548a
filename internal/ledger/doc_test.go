package ledger

import (
	"os"
	"strings"
	"testing"
)

// TestImportDocListsEveryAlias keeps docs/IMPORT.md in step with the headers and values the reader accepts.
func TestImportDocListsEveryAlias(t *testing.T) {
	b, err := os.ReadFile("../../docs/IMPORT.md")
	if err != nil {
		t.Fatal(err)
	}
	doc := string(b)
	for f, as := range headerAliases {
		if !strings.Contains(doc, "| `"+f+"`") {
			t.Errorf("docs/IMPORT.md has no row for column %s", f)
		}
		for _, a := range as {
			if !strings.Contains(doc, a) {
				t.Errorf("docs/IMPORT.md lacks header %q of %s", a, f)
			}
		}
	}
	for _, m := range []map[string]string{strMap(kindAliases), strMap(channelAliases), strMap(outcomeAliases), strMap(statusAliases), strMap(categoryAliases)} {
		for alias := range m {
			if !strings.Contains(doc, alias) {
				t.Errorf("docs/IMPORT.md lacks value %q", alias)
			}
		}
	}
}

func strMap[T ~string](m map[string]T) map[string]string {
	out := map[string]string{}
	for k, v := range m {
		out[k] = string(v)
	}
	return out
}
