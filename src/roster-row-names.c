/* roster-row-names.c: gives every row of the list views in a window an
 * accessible name made of the texts the row shows.
 *
 * A screen reader announces a focused row by its accessible name. GTK 4.12
 * sets it through GtkListItem:accessible-label, which GTK 4.8 lacks, and
 * list item factories cannot reach the row widget. So after each layout of
 * the window, when rows have been bound to their items, this names every
 * row after its visible labels: "Ada Lovelace, ada@example.com, auth0|…".
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "roster-row-names.h"

#define ROW_NAME_KEY "roster-row-name"

/* Appends the text of every visible label under @widget, in widget order.
 * An avatar's initials repeat the name next to it, so avatars are skipped. */
static void
collect_label_texts (GtkWidget    *widget,
                     GStrvBuilder *texts)
{
  if (!gtk_widget_get_visible (widget) || ADW_IS_AVATAR (widget))
    return;

  if (GTK_IS_LABEL (widget))
    {
      const char *text = gtk_label_get_text (GTK_LABEL (widget));

      if (text != NULL && text[0] != '\0')
        g_strv_builder_add (texts, text);
      return;
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_label_texts (child, texts);
}

static gboolean
is_row (GtkWidget *widget)
{
  GtkAccessibleRole role = gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (widget));

  return role == GTK_ACCESSIBLE_ROLE_ROW || role == GTK_ACCESSIBLE_ROLE_LIST_ITEM;
}

static void
name_row (GtkWidget *row)
{
  g_autofree char *name = roster_row_names_describe (row);

  if (g_strcmp0 (name, g_object_get_data (G_OBJECT (row), ROW_NAME_KEY)) == 0)
    return;

  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  g_object_set_data_full (G_OBJECT (row), ROW_NAME_KEY, g_steal_pointer (&name), g_free);
}

/* GtkColumnView keeps its rows in an inner GtkListView, so finding every
 * GtkListView finds the rows of both kinds of view. */
static void
name_rows_below (GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_LIST_VIEW (widget) && is_row (child))
        name_row (child);
      else
        name_rows_below (child);
    }
}

static void
on_layout (GdkFrameClock *frame_clock,
           GtkWidget     *root)
{
  name_rows_below (root);
}

static void
on_realize (GtkWidget *root)
{
  g_signal_connect_object (gtk_widget_get_frame_clock (root), "layout",
                           G_CALLBACK (on_layout), root, G_CONNECT_AFTER);
}

static void
on_unrealize (GtkWidget *root)
{
  g_signal_handlers_disconnect_by_func (gtk_widget_get_frame_clock (root), on_layout, root);
}

/**
 * roster_row_names_attach:
 * @root: a window
 *
 * Names the rows of every list view and column view in @root after each
 * layout, for as long as @root is realized.
 */
void
roster_row_names_attach (GtkWidget *root)
{
  g_return_if_fail (GTK_IS_WIDGET (root));

  g_signal_connect (root, "realize", G_CALLBACK (on_realize), NULL);
  g_signal_connect (root, "unrealize", G_CALLBACK (on_unrealize), NULL);

  if (gtk_widget_get_realized (root))
    on_realize (root);
}

/**
 * roster_row_names_describe:
 * @row: a row widget of a list view
 *
 * Returns: (transfer full): the texts of the visible labels in @row, joined
 *   by ", ", or an empty string when it shows none
 */
char *
roster_row_names_describe (GtkWidget *row)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) texts = NULL;

  g_return_val_if_fail (GTK_IS_WIDGET (row), NULL);

  collect_label_texts (row, builder);
  texts = g_strv_builder_end (builder);

  /* Translators: separates the texts of a list row in its name for screen
   * readers, such as "Ada Lovelace, ada@example.com" */
  return g_strjoinv (C_("row name separator", ", "), texts);
}
