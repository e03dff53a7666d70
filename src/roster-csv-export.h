/* roster-csv-export.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void      roster_csv_export_choose_file_async  (GtkWindow            *parent,
                                                const char           *suggested_name,
                                                GCancellable         *cancellable,
                                                GAsyncReadyCallback   callback,
                                                gpointer              user_data);
GFile    *roster_csv_export_choose_file_finish (GAsyncResult         *result,
                                                GError              **error);

void      roster_csv_export_write_async        (GFile                *file,
                                                GPtrArray            *members,
                                                GCancellable         *cancellable,
                                                GAsyncReadyCallback   callback,
                                                gpointer              user_data);
gboolean  roster_csv_export_write_finish       (GAsyncResult         *result,
                                                GError              **error);

G_END_DECLS
