/* roster-outcome-row.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "roster-outcome-row.h"

struct _RosterOutcomeRow
{
  GObject   parent_instance;

  char     *title;     /* owned */
  char     *subtitle;  /* owned */
  gboolean  success;
};

G_DEFINE_FINAL_TYPE (RosterOutcomeRow, roster_outcome_row, G_TYPE_OBJECT)

static void
roster_outcome_row_finalize (GObject *object)
{
  RosterOutcomeRow *self = (RosterOutcomeRow *) object;

  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->subtitle, g_free);

  G_OBJECT_CLASS (roster_outcome_row_parent_class)->finalize (object);
}

static void
roster_outcome_row_class_init (RosterOutcomeRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = roster_outcome_row_finalize;
}

static void
roster_outcome_row_init (RosterOutcomeRow *self)
{
}

RosterOutcomeRow *
roster_outcome_row_new (const char *title,
                        const char *subtitle,
                        gboolean    success)
{
  RosterOutcomeRow *self;

  g_return_val_if_fail (title != NULL, NULL);
  g_return_val_if_fail (subtitle != NULL, NULL);

  self = g_object_new (ROSTER_TYPE_OUTCOME_ROW, NULL);
  self->title = g_strdup (title);
  self->subtitle = g_strdup (subtitle);
  self->success = success;

  return self;
}

const char *
roster_outcome_row_get_title (RosterOutcomeRow *self)
{
  g_return_val_if_fail (ROSTER_IS_OUTCOME_ROW (self), NULL);

  return self->title;
}

const char *
roster_outcome_row_get_subtitle (RosterOutcomeRow *self)
{
  g_return_val_if_fail (ROSTER_IS_OUTCOME_ROW (self), NULL);

  return self->subtitle;
}

gboolean
roster_outcome_row_get_success (RosterOutcomeRow *self)
{
  g_return_val_if_fail (ROSTER_IS_OUTCOME_ROW (self), FALSE);

  return self->success;
}

static GtkWidget *
new_text_label (gboolean dimmed)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);

  if (dimmed)
    {
      gtk_widget_add_css_class (label, "dim-label");
      gtk_widget_add_css_class (label, "caption");
    }

  return label;
}

/* Each list item holds: icon | (title over subtitle). */
static void
setup_row (GtkSignalListItemFactory *factory,
           GtkListItem              *item,
           gpointer                  user_data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *texts = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);

  gtk_widget_set_margin_top (box, 9);
  gtk_widget_set_margin_bottom (box, 9);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);

  gtk_box_append (GTK_BOX (box), gtk_image_new ());
  gtk_box_append (GTK_BOX (texts), new_text_label (FALSE));
  gtk_box_append (GTK_BOX (texts), new_text_label (TRUE));
  gtk_widget_set_hexpand (texts, TRUE);
  gtk_box_append (GTK_BOX (box), texts);

  gtk_list_item_set_child (item, box);
  gtk_list_item_set_activatable (item, FALSE);
}

static void
bind_row (GtkSignalListItemFactory *factory,
          GtkListItem              *item,
          gpointer                  user_data)
{
  RosterOutcomeRow *row = gtk_list_item_get_item (item);
  GtkWidget *box = gtk_list_item_get_child (item);
  GtkWidget *icon = gtk_widget_get_first_child (box);
  GtkWidget *texts = gtk_widget_get_next_sibling (icon);
  GtkWidget *title = gtk_widget_get_first_child (texts);
  GtkWidget *subtitle = gtk_widget_get_next_sibling (title);

  gtk_image_set_from_icon_name (GTK_IMAGE (icon),
                                row->success ? "object-select-symbolic" : "dialog-warning-symbolic");
  gtk_label_set_text (GTK_LABEL (title), row->title);
  gtk_label_set_text (GTK_LABEL (subtitle), row->subtitle);
}

GtkWidget *
roster_outcome_row_new_list_view (GListModel *rows,
                                  const char *accessible_label)
{
  GtkListItemFactory *factory;
  GtkWidget *list_view;

  g_return_val_if_fail (G_IS_LIST_MODEL (rows), NULL);
  g_return_val_if_fail (accessible_label != NULL, NULL);

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (setup_row), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row), NULL);

  list_view = gtk_list_view_new (GTK_SELECTION_MODEL (gtk_no_selection_new (g_object_ref (rows))), factory);
  gtk_list_view_set_show_separators (GTK_LIST_VIEW (list_view), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (list_view), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  accessible_label, -1);

  return list_view;
}
