/* roster-sign-in-error.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

char *roster_sign_in_error_describe (const GError *error,
                                     const char   *host);

G_END_DECLS
