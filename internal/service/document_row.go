package service

import "weiquan/internal/store"

// DocumentRow is an issued document as the service hands it out.
type DocumentRow = store.DocumentRow
