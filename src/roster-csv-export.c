/* roster-csv-export.c: the save dialog of an export, through the file
 * chooser GTK 4.8 offers, and the CSV writing that does not block the main
 * loop.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "roster-csv.h"
#include "roster-csv-export.h"

/* Hiding the dialog emits no response, so the cancel sends one itself. */
static void
on_cancelled (GCancellable         *cancellable,
              GtkFileChooserNative *chooser)
{
  gtk_native_dialog_hide (GTK_NATIVE_DIALOG (chooser));
  g_signal_emit_by_name (chooser, "response", GTK_RESPONSE_CANCEL);
}

static void
on_chooser_response (GtkNativeDialog *chooser,
                     int              response,
                     gpointer         user_data)
{
  g_autoptr(GTask) task = user_data;
  GFile *file = NULL;

  g_signal_handlers_disconnect_by_func (g_task_get_cancellable (task), on_cancelled, chooser);

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

  g_object_unref (chooser);

  if (file == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                               "The user closed the file chooser");
      return;
    }

  g_task_return_pointer (task, file, g_object_unref);
}

/**
 * roster_csv_export_choose_file_async:
 * @suggested_name: the file name to offer, without a folder
 *
 * Shows a save dialog for a CSV file, modal to @parent. The result is the
 * file the user chose; closing the dialog, or cancelling @cancellable,
 * gives %G_IO_ERROR_CANCELLED.
 */
void
roster_csv_export_choose_file_async (GtkWindow           *parent,
                                     const char          *suggested_name,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GtkFileFilter) filter = NULL;
  GtkFileChooserNative *chooser;

  g_return_if_fail (parent == NULL || GTK_IS_WINDOW (parent));
  g_return_if_fail (suggested_name != NULL);
  g_return_if_fail (G_IS_CANCELLABLE (cancellable));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, roster_csv_export_choose_file_async);

  chooser = gtk_file_chooser_native_new (_("Export Members"), parent,
                                         GTK_FILE_CHOOSER_ACTION_SAVE,
                                         _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), suggested_name);

  filter = gtk_file_filter_new ();
  gtk_file_filter_set_name (filter, _("CSV files"));
  gtk_file_filter_add_mime_type (filter, "text/csv");
  gtk_file_filter_add_suffix (filter, "csv");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);

  g_signal_connect_object (cancellable, "cancelled", G_CALLBACK (on_cancelled), chooser, 0);
  g_signal_connect (chooser, "response", G_CALLBACK (on_chooser_response), g_steal_pointer (&task));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/**
 * roster_csv_export_choose_file_finish:
 *
 * Returns: (transfer full): the file to write, or %NULL with @error set
 */
GFile *
roster_csv_export_choose_file_finish (GAsyncResult  *result,
                                      GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == roster_csv_export_choose_file_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
on_contents_replaced (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;

  if (!g_file_replace_contents_finish (G_FILE (object), result, NULL, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_task_return_boolean (task, TRUE);
}

/**
 * roster_csv_export_write_async:
 * @members: (element-type RosterMember): the members to write, in order
 *
 * Writes @members as CSV (see roster_csv_format_members()) to @file,
 * replacing it. The text is formatted at once; only the writing runs in
 * the background.
 */
void
roster_csv_export_write_async (GFile               *file,
                               GPtrArray           *members,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GBytes) contents = NULL;
  char *csv;

  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (members != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (file, cancellable, callback, user_data);
  g_task_set_source_tag (task, roster_csv_export_write_async);

  csv = roster_csv_format_members (members);
  contents = g_bytes_new_take (csv, strlen (csv));

  g_file_replace_contents_bytes_async (file, contents, NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION,
                                       cancellable, on_contents_replaced, g_steal_pointer (&task));
}

gboolean
roster_csv_export_write_finish (GAsyncResult  *result,
                                GError       **error)
{
  g_return_val_if_fail (G_IS_TASK (result), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == roster_csv_export_write_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
