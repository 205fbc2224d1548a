package auth

import (
	"strings"
	"testing"
)

func TestPasswordHash(t *testing.T) {
	long := strings.Repeat("消费维权", 30) // 360 bytes: bcrypt would stop at 72
	for _, pw := range []string{"correct horse", long} {
		h, err := HashPassword(pw)
		if err != nil {
			t.Fatal(err)
		}
		if ok, err := CheckPassword(h, pw); !ok || err != nil {
			t.Fatalf("right password refused: %v", err)
		}
		if ok, _ := CheckPassword(h, pw+"x"); ok {
			t.Fatal("wrong password accepted")
		}
	}
	h1, _ := HashPassword("same")
	h2, _ := HashPassword("same")
	if h1 == h2 {
		t.Fatal("no salt")
	}
	if ok, _ := CheckPassword(long[:len(long)-3]+"权", long); ok {
		t.Fatal("a differing tail beyond 72 bytes was accepted")
	}
	for _, bad := range []string{"", "$2a$10$abc", "$argon2id$v=19$m=0,t=1,p=1$c2FsdA$a2V5", "$argon2id$v=19$m=19456,t=2,p=1$!!$a2V5"} {
		if _, err := CheckPassword(bad, "x"); err == nil {
			t.Errorf("malformed hash %q accepted", bad)
		}
	}
}

func TestTokens(t *testing.T) {
	a, b := NewToken(), NewToken()
	if a == b || len(a) < 40 || HashToken(a) == a || HashToken(a) != HashToken(a) {
		t.Fatal("tokens")
	}
	if p := RandomPassword(); len(p) != 16 {
		t.Fatal("password length")
	}
}

func TestUserValidate(t *testing.T) {
	u := User{Username: "op 1", Role: Operator}
	if err := u.Validate("longenough", true); err == nil {
		t.Fatal("space in user name accepted")
	}
	u = User{Username: "op1", Role: "boss"}
	if err := u.Validate("longenough", true); err == nil {
		t.Fatal("unknown role accepted")
	}
	u = User{Username: "shop", Role: Merchant}
	if err := u.Validate("longenough", true); err == nil {
		t.Fatal("merchant user without a merchant accepted")
	}
	u = User{Username: "op1", Role: Operator}
	if err := u.Validate("", false); err != nil || u.Lang != "zh-CN" {
		t.Fatalf("update without password: %v", err)
	}
	if err := u.Validate("短", false); err == nil {
		t.Fatal("short password accepted")
	}
}
