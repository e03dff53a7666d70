/* roster-compat.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "roster-compat.h"

/**
 * roster_compat_announce:
 * @widget: the widget the message is about
 * @message: plain text for screen readers
 *
 * Asks screen readers to read @message at once, with
 * gtk_accessible_announce() when Roster is built against GTK 4.14 or
 * later. Built against an older GTK it does nothing, and callers keep the
 * message readable in a label or list as well.
 */
void
roster_compat_announce (GtkWidget  *widget,
                        const char *message)
{
  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (message != NULL);

#if GTK_CHECK_VERSION (4, 14, 0)
  /* GDK_VERSION_MAX_ALLOWED pins the API to GTK 4.8, which would make this
   * call a warning.
   * NOTE: Debian 12 has GTK 4.8, so this branch has not been compiled yet. */
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_accessible_announce (GTK_ACCESSIBLE (widget), message, GTK_ACCESSIBLE_ANNOUNCEMENT_PRIORITY_MEDIUM);
  G_GNUC_END_IGNORE_DEPRECATIONS
#endif
}
