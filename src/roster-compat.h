/* roster-compat.h: the one place where Roster uses API newer than its
 * GTK 4.8 floor, behind a version check.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void roster_compat_announce (GtkWidget  *widget,
                             const char *message);

G_END_DECLS
