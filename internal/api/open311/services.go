package open311

import (
	"encoding/xml"
	"net/http"

	"weiquan/internal/casework"
	"weiquan/internal/i18n"
)

// attrUse is one attribute of a service and whether the service needs it.
type attrUse struct {
	code     string
	required bool
}

// serviceDef is one service: a kind of matter (R-L1) and the attributes its form asks for.
type serviceDef struct {
	kind  casework.Kind
	attrs []attrUse
}

// catalogue is every service the office offers over Open311. A complaint needs
// the consumer's name and phone so the office can call back, and the merchant
// it is against (R-L3); the rest can be completed before acceptance. The facts
// come in attribute[facts] or the standard description field, so neither is
// marked required, but one of them must be there.
var catalogue = []serviceDef{
	{casework.Complaint, []attrUse{{"phone", true}, {"name", true}, {"merchant", true}, {"merchant_address", false},
		{"amount", false}, {"facts", false}, {"request", false}, {"category", false}}},
	{casework.Report, []attrUse{{"phone", false}, {"name", false}, {"merchant", false}, {"merchant_address", false},
		{"facts", false}, {"category", false}}},
	{casework.Inquiry, []attrUse{{"phone", false}, {"name", false}, {"merchant", false}, {"facts", false}, {"category", false}}},
}

// datatypes gives each attribute's Open311 datatype.
var datatypes = map[string]string{
	"phone": "string", "name": "string", "merchant": "string", "merchant_address": "string",
	"amount": "number", "facts": "text", "request": "text", "category": "singlevaluelist",
}

// listValues are the keys of the list attributes; their names are translated.
var listValues = map[string][]casework.Category{"category": {casework.Goods, casework.Services}}

func findService(code string) (serviceDef, bool) {
	for _, s := range catalogue {
		if string(s.kind) == code {
			return s, true
		}
	}
	return serviceDef{}, false
}

func (s serviceDef) uses(code string) (attrUse, bool) {
	for _, a := range s.attrs {
		if a.code == code {
			return a, true
		}
	}
	return attrUse{}, false
}

type serviceItem struct {
	XMLName     xml.Name `xml:"service" json:"-"`
	ServiceCode string   `xml:"service_code" json:"service_code"`
	ServiceName string   `xml:"service_name" json:"service_name"`
	Description string   `xml:"description" json:"description"`
	Metadata    bool     `xml:"metadata" json:"metadata"`
	Type        string   `xml:"type" json:"type"`
	Keywords    string   `xml:"keywords" json:"keywords"`
	Group       string   `xml:"group" json:"group"`
}

type serviceList struct {
	XMLName  xml.Name      `xml:"services"`
	Services []serviceItem `xml:"service"`
}

// services lists the service types. All are realtime: the case number is
// drawn in the same transaction that stores the matter (R-P1, R-P2).
func (h *Handler) services(w http.ResponseWriter, r *http.Request, f format, _ string) {
	l := lang(r)
	list := make([]serviceItem, len(catalogue))
	for i, s := range catalogue {
		k := "open311.service." + string(s.kind)
		list[i] = serviceItem{ServiceCode: string(s.kind), ServiceName: i18n.T(l, k), Description: i18n.T(l, k+".desc"),
			Metadata: true, Type: "realtime", Keywords: i18n.T(l, k+".keywords"), Group: i18n.T(l, "open311.group")}
	}
	write(w, f, http.StatusOK, list, serviceList{Services: list})
}

type attributeItem struct {
	Variable            bool        `xml:"variable" json:"variable"`
	Code                string      `xml:"code" json:"code"`
	Datatype            string      `xml:"datatype" json:"datatype"`
	Required            bool        `xml:"required" json:"required"`
	DatatypeDescription string      `xml:"datatype_description" json:"datatype_description"`
	Order               int         `xml:"order" json:"order"`
	Description         string      `xml:"description" json:"description"`
	Values              []valueItem `xml:"values>value,omitempty" json:"values,omitempty"`
}

type valueItem struct {
	Key  string `xml:"key" json:"key"`
	Name string `xml:"name" json:"name"`
}

type definition struct {
	XMLName     xml.Name        `xml:"service_definition" json:"-"`
	ServiceCode string          `xml:"service_code" json:"service_code"`
	Attributes  []attributeItem `xml:"attributes>attribute" json:"attributes"`
}

// serviceDefinition describes the attributes a service's form asks for.
func (h *Handler) serviceDefinition(w http.ResponseWriter, r *http.Request, f format, code string) {
	s, ok := findService(code)
	if !ok {
		h.fail(w, r, f, errNotFound)
		return
	}
	l := lang(r)
	def := definition{ServiceCode: code, Attributes: make([]attributeItem, len(s.attrs))}
	for i, a := range s.attrs {
		k := "open311.attr." + a.code
		item := attributeItem{Variable: true, Code: a.code, Datatype: datatypes[a.code], Required: a.required,
			DatatypeDescription: i18n.T(l, k+".hint"), Order: i + 1, Description: i18n.T(l, k)}
		for _, v := range listValues[a.code] {
			item.Values = append(item.Values, valueItem{Key: string(v), Name: i18n.T(l, "category."+string(v))})
		}
		def.Attributes[i] = item
	}
	write(w, f, http.StatusOK, def, def)
}
