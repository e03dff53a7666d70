/* roster-member-selection.c: a multiple selection over a filtered list of
 * members that stores the selected members themselves, not positions.
 *
 * GtkMultiSelection over a GtkFilterListModel drops every selected row
 * the filter hides. This model keeps a set of members keyed by user ID, so
 * a member stays selected while a search hides them and shows as selected
 * again when the search changes.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "roster-member-selection.h"

struct _RosterMemberSelection
{
  GObject     parent_instance;

  GListModel *model;     /* owned: the members shown, a filtered view */
  GHashTable *selected;  /* owned: user ID (owned by the value) → RosterMember (owned) */
};

enum {
  PROP_0,
  PROP_N_SELECTED,
  N_PROPS
};

static void roster_member_selection_list_model_init      (GListModelInterface        *iface);
static void roster_member_selection_selection_model_init (GtkSelectionModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (RosterMemberSelection, roster_member_selection, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      roster_member_selection_list_model_init)
                               G_IMPLEMENT_INTERFACE (GTK_TYPE_SELECTION_MODEL,
                                                      roster_member_selection_selection_model_init))

static GParamSpec *properties[N_PROPS];

static GType
roster_member_selection_get_item_type (GListModel *model)
{
  return ROSTER_TYPE_MEMBER;
}

static guint
roster_member_selection_get_n_items (GListModel *model)
{
  RosterMemberSelection *self = ROSTER_MEMBER_SELECTION (model);

  return g_list_model_get_n_items (self->model);
}

static gpointer
roster_member_selection_get_item (GListModel *model,
                                  guint       position)
{
  RosterMemberSelection *self = ROSTER_MEMBER_SELECTION (model);

  return g_list_model_get_item (self->model, position);
}

static void
roster_member_selection_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = roster_member_selection_get_item_type;
  iface->get_n_items = roster_member_selection_get_n_items;
  iface->get_item = roster_member_selection_get_item;
}

static void
add_member (RosterMemberSelection *self,
            RosterMember          *member)
{
  g_hash_table_replace (self->selected,
                        (gpointer) roster_member_get_user_id (member),
                        g_object_ref (member));
}

/* Reports a change of the selection. @position and @n_items bound the rows
 * whose state may differ, and the count may change for hidden rows too. */
static void
emit_changed (RosterMemberSelection *self,
              guint                  n_before,
              guint                  position,
              guint                  n_items)
{
  if (n_items > 0)
    gtk_selection_model_selection_changed (GTK_SELECTION_MODEL (self), position, n_items);

  if (g_hash_table_size (self->selected) != n_before)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_SELECTED]);
}

static gboolean
roster_member_selection_is_selected (GtkSelectionModel *model,
                                     guint              position)
{
  RosterMemberSelection *self = ROSTER_MEMBER_SELECTION (model);
  g_autoptr(RosterMember) member = g_list_model_get_item (self->model, position);

  return member != NULL && roster_member_selection_contains (self, member);
}

static GtkBitset *
roster_member_selection_get_selection_in_range (GtkSelectionModel *model,
                                                guint              position,
                                                guint              n_items)
{
  RosterMemberSelection *self = ROSTER_MEMBER_SELECTION (model);
  GtkBitset *bitset = gtk_bitset_new_empty ();

  if (g_hash_table_size (self->selected) == 0)
    return bitset;

  for (guint i = position; i < position + n_items; i++)
    {
      if (roster_member_selection_is_selected (model, i))
        gtk_bitset_add (bitset, i);
    }

  return bitset;
}

/* Applies @selected to the rows in @mask. Rows outside the mask, hidden
 * members included, keep their state. */
static gboolean
roster_member_selection_set_selection (GtkSelectionModel *model,
                                       GtkBitset         *selected,
                                       GtkBitset         *mask)
{
  RosterMemberSelection *self = ROSTER_MEMBER_SELECTION (model);
  guint n_before = g_hash_table_size (self->selected);
  GtkBitsetIter iter;
  guint position;

  if (gtk_bitset_is_empty (mask))
    return TRUE;

  for (gboolean valid = gtk_bitset_iter_init_first (&iter, mask, &position);
       valid;
       valid = gtk_bitset_iter_next (&iter, &position))
    {
      g_autoptr(RosterMember) member = g_list_model_get_item (self->model, position);

      if (member == NULL)
        break;

      if (gtk_bitset_contains (selected, position))
        add_member (self, member);
      else
        g_hash_table_remove (self->selected, roster_member_get_user_id (member));
    }

  emit_changed (self, n_before, gtk_bitset_get_minimum (mask),
                MIN (gtk_bitset_get_maximum (mask) + 1, g_list_model_get_n_items (self->model)) -
                gtk_bitset_get_minimum (mask));

  return TRUE;
}

/* Clearing the selection also clears the members the search hides:
 * "unselect all" must leave nothing selected anywhere. */
static gboolean
roster_member_selection_unselect_all (GtkSelectionModel *model)
{
  RosterMemberSelection *self = ROSTER_MEMBER_SELECTION (model);
  guint n_before = g_hash_table_size (self->selected);

  g_hash_table_remove_all (self->selected);
  emit_changed (self, n_before, 0, g_list_model_get_n_items (self->model));

  return TRUE;
}

static gboolean
roster_member_selection_select_range (GtkSelectionModel *model,
                                      guint              position,
                                      guint              n_items,
                                      gboolean           unselect_rest)
{
  RosterMemberSelection *self = ROSTER_MEMBER_SELECTION (model);
  g_autoptr(GtkBitset) range = gtk_bitset_new_range (position, n_items);
  guint n_before;

  if (unselect_rest)
    g_hash_table_remove_all (self->selected);
  n_before = g_hash_table_size (self->selected);

  roster_member_selection_set_selection (model, range, range);

  /* set_selection() reported only the range; after unselect_rest every
   * row may have changed. */
  if (unselect_rest)
    emit_changed (self, n_before, 0, g_list_model_get_n_items (self->model));

  return TRUE;
}

static gboolean
roster_member_selection_select_item (GtkSelectionModel *model,
                                     guint              position,
                                     gboolean           unselect_rest)
{
  return roster_member_selection_select_range (model, position, 1, unselect_rest);
}

/* While an incremental filter model still checks rows, it holds only part
 * of the matching members, so select-all runs the filter on every row of
 * the model under it. */
static gboolean
select_all_matching (RosterMemberSelection *self,
                     GtkFilterListModel    *filtered)
{
  GListModel *all = gtk_filter_list_model_get_model (filtered);
  GtkFilter *filter = gtk_filter_list_model_get_filter (filtered);
  guint n_before = g_hash_table_size (self->selected);
  guint n_items = g_list_model_get_n_items (all);

  for (guint position = 0; position < n_items; position++)
    {
      g_autoptr(RosterMember) member = g_list_model_get_item (all, position);

      if (filter == NULL || gtk_filter_match (filter, member))
        add_member (self, member);
    }

  emit_changed (self, n_before, 0, g_list_model_get_n_items (self->model));

  return TRUE;
}

static gboolean
roster_member_selection_select_all (GtkSelectionModel *model)
{
  RosterMemberSelection *self = ROSTER_MEMBER_SELECTION (model);

  if (GTK_IS_FILTER_LIST_MODEL (self->model) &&
      gtk_filter_list_model_get_pending (GTK_FILTER_LIST_MODEL (self->model)) > 0)
    return select_all_matching (self, GTK_FILTER_LIST_MODEL (self->model));

  return roster_member_selection_select_range (model, 0, g_list_model_get_n_items (self->model), FALSE);
}

static void
roster_member_selection_selection_model_init (GtkSelectionModelInterface *iface)
{
  iface->is_selected = roster_member_selection_is_selected;
  iface->get_selection_in_range = roster_member_selection_get_selection_in_range;
  iface->set_selection = roster_member_selection_set_selection;
  iface->select_item = roster_member_selection_select_item;
  iface->select_range = roster_member_selection_select_range;
  iface->select_all = roster_member_selection_select_all;
  iface->unselect_all = roster_member_selection_unselect_all;
}

/* Rows that arrive or come back from a search ask is_selected() for their
 * state, so passing the change on is enough. */
static void
on_items_changed (GListModel            *model,
                  guint                  position,
                  guint                  removed,
                  guint                  added,
                  RosterMemberSelection *self)
{
  g_list_model_items_changed (G_LIST_MODEL (self), position, removed, added);
}

static void
roster_member_selection_dispose (GObject *object)
{
  RosterMemberSelection *self = (RosterMemberSelection *) object;

  if (self->model != NULL)
    g_signal_handlers_disconnect_by_func (self->model, on_items_changed, self);
  g_clear_object (&self->model);
  g_clear_pointer (&self->selected, g_hash_table_unref);

  G_OBJECT_CLASS (roster_member_selection_parent_class)->dispose (object);
}

static void
roster_member_selection_get_property (GObject    *object,
                                      guint       prop_id,
                                      GValue     *value,
                                      GParamSpec *pspec)
{
  RosterMemberSelection *self = ROSTER_MEMBER_SELECTION (object);

  switch (prop_id)
    {
    case PROP_N_SELECTED:
      g_value_set_uint (value, roster_member_selection_get_n_selected (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
roster_member_selection_class_init (RosterMemberSelectionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = roster_member_selection_dispose;
  object_class->get_property = roster_member_selection_get_property;

  /* How many members are selected, hidden ones included. */
  properties[PROP_N_SELECTED] =
    g_param_spec_uint ("n-selected", NULL, NULL,
                       0, G_MAXUINT, 0,
                       (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
roster_member_selection_init (RosterMemberSelection *self)
{
  self->selected = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_object_unref);
}

/**
 * roster_member_selection_new:
 * @model: the members to show (RosterMember), usually a filter model
 */
RosterMemberSelection *
roster_member_selection_new (GListModel *model)
{
  RosterMemberSelection *self;

  g_return_val_if_fail (G_IS_LIST_MODEL (model), NULL);

  self = g_object_new (ROSTER_TYPE_MEMBER_SELECTION, NULL);
  self->model = g_object_ref (model);
  g_signal_connect (model, "items-changed", G_CALLBACK (on_items_changed), self);

  return self;
}

guint
roster_member_selection_get_n_selected (RosterMemberSelection *self)
{
  g_return_val_if_fail (ROSTER_IS_MEMBER_SELECTION (self), 0);

  return g_hash_table_size (self->selected);
}

gboolean
roster_member_selection_contains (RosterMemberSelection *self,
                                  RosterMember          *member)
{
  g_return_val_if_fail (ROSTER_IS_MEMBER_SELECTION (self), FALSE);
  g_return_val_if_fail (ROSTER_IS_MEMBER (member), FALSE);

  return g_hash_table_contains (self->selected, roster_member_get_user_id (member));
}

/**
 * roster_member_selection_get_members:
 *
 * Returns: (transfer container) (element-type RosterMember): every selected
 *   member, hidden ones included, in no particular order
 */
GList *
roster_member_selection_get_members (RosterMemberSelection *self)
{
  g_return_val_if_fail (ROSTER_IS_MEMBER_SELECTION (self), NULL);

  return g_hash_table_get_values (self->selected);
}

/**
 * roster_member_selection_set_members:
 * @members: (element-type RosterMember): the members to select
 *
 * Makes the selection exactly @members, shown or hidden.
 */
void
roster_member_selection_set_members (RosterMemberSelection *self,
                                     GPtrArray             *members)
{
  guint n_items;

  g_return_if_fail (ROSTER_IS_MEMBER_SELECTION (self));
  g_return_if_fail (members != NULL);

  g_hash_table_remove_all (self->selected);
  for (guint i = 0; i < members->len; i++)
    add_member (self, g_ptr_array_index (members, i));

  n_items = g_list_model_get_n_items (self->model);
  if (n_items > 0)
    gtk_selection_model_selection_changed (GTK_SELECTION_MODEL (self), 0, n_items);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_SELECTED]);
}

/**
 * roster_member_selection_forget:
 * @user_ids: (array zero-terminated=1): members that left the list
 *
 * Unselects members that are no longer listed, without reporting a
 * selection change for rows: the list reports their removal.
 */
void
roster_member_selection_forget (RosterMemberSelection *self,
                                const char * const    *user_ids)
{
  guint n_before;

  g_return_if_fail (ROSTER_IS_MEMBER_SELECTION (self));
  g_return_if_fail (user_ids != NULL);

  n_before = g_hash_table_size (self->selected);
  for (guint i = 0; user_ids[i] != NULL; i++)
    g_hash_table_remove (self->selected, user_ids[i]);

  emit_changed (self, n_before, 0, 0);
}
