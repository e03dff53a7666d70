/* roster-row-names.h: accessible names for the rows of list views.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void   roster_row_names_attach   (GtkWidget *root);
char  *roster_row_names_describe (GtkWidget *row);

G_END_DECLS
