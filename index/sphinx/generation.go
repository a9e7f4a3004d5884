package sphinx

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sort"
)

// Columns of IndexState's one row (id stateID).
const (
	sField    = "state"    // an RT index needs a full-text field; unused
	sActive   = "active"   // the generation searches read (0: none yet, read as a)
	sBuilding = "building" // the generation a rebuild is filling (0: none)
	stateID   = 1
)

// state is a node's IndexState row.
type state struct{ active, building gen }

// rowQuerier is a *sql.DB or a *sql.Conn.
type rowQuerier interface {
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// readStateOn reads the state row through q.
func readStateOn(ctx context.Context, q rowQuerier) (state, error) {
	var a, b int
	err := q.QueryRowContext(ctx, fmt.Sprintf("SELECT %s, %s FROM %s WHERE id = %d", sActive, sBuilding, IndexState, stateID)).Scan(&a, &b)
	if errors.Is(err, sql.ErrNoRows) {
		return state{active: genA}, nil
	}
	if err != nil {
		return state{}, err
	}
	st := state{active: gen(a), building: gen(b)}
	if st.active != genB {
		st.active = genA
	}
	if st.building != genA && st.building != genB {
		st.building = 0
	}
	return st, nil
}

// readState reads node i's state.
func (x *Index) readState(ctx context.Context, i int) (state, error) {
	ctx, cancel := x.ctx(ctx)
	defer cancel()
	st, err := readStateOn(ctx, x.dbs[i])
	if err != nil {
		return st, x.nodeErr(i, "read the active generation", err)
	}
	return st, nil
}

// writeState writes node i's state.
func (x *Index) writeState(ctx context.Context, i int, st state) error {
	ctx, cancel := x.ctx(ctx)
	defer cancel()
	q := fmt.Sprintf("REPLACE INTO %s (id, %s, %s, %s) VALUES (%d, '', %d, %d)", IndexState, sField, sActive, sBuilding, stateID, st.active, st.building)
	if _, err := x.dbs[i].ExecContext(ctx, q); err != nil {
		return x.nodeErr(i, "write the active generation", err)
	}
	return nil
}

// writeGens are the generations a change (Index, Delete) goes to: the
// active one and the one being built, on any node (during a switch the
// nodes can disagree for a moment).
func (x *Index) writeGens(ctx context.Context) ([]gen, error) {
	set := map[gen]bool{}
	for i := range x.nodes {
		st, err := x.readState(ctx, i)
		if err != nil {
			return nil, err
		}
		set[st.active] = true
		if st.building != 0 {
			set[st.building] = true
		}
	}
	var out []gen
	for g := range set {
		out = append(out, g)
	}
	sort.Slice(out, func(a, b int) bool { return out[a] < out[b] })
	return out, nil
}

// Active returns the generation ("a" or "b") searches read on each node.
func (x *Index) Active(ctx context.Context) ([]string, error) {
	out := make([]string, len(x.nodes))
	for i := range x.nodes {
		st, err := x.readState(ctx, i)
		if err != nil {
			return nil, err
		}
		out[i] = st.active.String()
	}
	return out, nil
}
