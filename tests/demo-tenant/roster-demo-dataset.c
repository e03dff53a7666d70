/* roster-demo-dataset.c: the built-in data set of the demo tenant.
 *
 * Everything here is deterministic: the same ids, names and timestamps come
 * out on every run, so checkpoint tokens and screenshots are reproducible.
 * Generated ids come from a fixed-seed xorshift sequence, not from a random
 * source.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "roster-demo-private.h"

/* 2024-01-01 00:00:00 UTC, the creation time of the first organization. */
#define DATASET_EPOCH_MS G_GINT64_CONSTANT (1704067200000)

#define GENERATED_BRANCH_COUNT 24

typedef struct
{
  const char *user_id;
  const char *name;     /* nullable */
  const char *email;    /* nullable */
  const char *avatar;   /* nullable */
  const char *roles;    /* nullable: space-separated role names */
} PersonSpec;

typedef struct
{
  const char *name;
  const char *display_name;  /* nullable */
} OrganizationSpec;

typedef struct
{
  guint32 state;
} Sequence;

static const char *const role_specs[][3] = {
  { "rol_8hT3kQ2mVx9LpA4d", "Admin",     "Manages the organization and its members" },
  { "rol_Bq7Wn1Zc5Rj0YsK6", "Billing",   "Sees invoices and payment methods" },
  { "rol_Vw2Xe9Tg4Hm6Nd3F", "Viewer",    "Reads everything and changes nothing" },
  { "rol_Sp5Lk8Jy1Qa7Uc0R", "Support",   "Answers customer tickets" },
  { "rol_Dv4Gz6Mb3Wt9Ex2N", "Developer", "Deploys the organization's applications" },
};

/* Acme's members in list order. The first ones cover the cases a client
 * gets wrong: non-ASCII names, markup characters, missing keys, user ids
 * with "|", "/", ":" and non-ASCII letters. The two "samlp|corp/" ids with
 * accents make the checkpoint tokens after them contain "/" and "+". */
static const PersonSpec acme_people[] = {
  { "auth0|65f0c1a2b3d4e5f607182930", "Ada Lovelace", "ada.lovelace@acme.example", "al", "Admin" },
  { "google-oauth2|104235678901234567890", "José Álvarez", "jose.alvarez@acme.example", "ja", "Billing" },
  { "auth0|65f0c1a2b3d4e5f607182931", "Zoë Ångström", "zoe.angstrom@acme.example", "za", NULL },
  { "samlp|corp/lzolc", "Łukasz Żółć", "lukasz.zolc@acme.example", "lz", "Developer" },
  { "waad|kX3vR8qLm2Pn7TbW9yZc4HdJ6sFg1AeU0oKi5NrQwEt", "山田太郎", "taro.yamada@acme.example", "ty", NULL },
  { "auth0|65f0c1a2b3d4e5f607182932", "Tom & Jerry <QA>", "qa+tom@acme.example", "tj", "Viewer" },
  /* Sign-In with Ethereum users have no email. */
  { "oauth2|siwe|eip155:5:0x8ba1f109551bd432803012645ac136ddd64dba72", "Priya Raman", NULL, "pr", NULL },
  { "auth0|65f0c1a2b3d4e5f607182933", NULL, "no.name@acme.example", "nn", NULL },
  { "auth0|65f0c1a2b3d4e5f607182934", "Grace Hopper", "grace.hopper@acme.example", NULL, "Admin Support" },
  { "oauth2|siwe|eip155:5:0x71c7656ec7ab88b098defb751b7401b5f6d8976f", NULL, NULL, NULL, NULL },
  { "samlp|corp/élodie.martin", "Élodie Martin", "elodie.martin@acme.example", "em", NULL },
  { "samlp|corp/božena.novakova", "Božena Nováková", "bozena.novakova@acme.example", "bn", "Viewer" },
  { "samlp|corp/jdoe", "John Doe", "jdoe@acme.example", "jd", NULL },
  { "google-oauth2|117309425566184023571", "Alan Turing", "alan.turing@acme.example", "at", "Developer" },
  { "waad|Rj7Kp2Wq9Xz4Lm8Nc3Vb6Hd1Tf5Gs0YaEu-_iOoPkQ", "Katherine Johnson", "katherine.johnson@acme.example", "kj", NULL },
  { "auth0|65f0c1a2b3d4e5f607182935", "Margaret Hamilton", "margaret.hamilton@acme.example", "mh", "Admin" },
  { "auth0|65f0c1a2b3d4e5f607182936", "Dennis Ritchie", "dennis.ritchie@acme.example", "dr", NULL },
  { "google-oauth2|109876543210987654321", "Barbara Liskov", "barbara.liskov@acme.example", "bl", NULL },
  { "auth0|65f0c1a2b3d4e5f607182937", "Edsger Dijkstra", "edsger.dijkstra@acme.example", "ed", "Viewer" },
  { "samlp|corp/fallen", "Frances Allen", "frances.allen@acme.example", "fa", NULL },
  { "auth0|65f0c1a2b3d4e5f607182938", "Donald Knuth", "donald.knuth@acme.example", "dk", NULL },
  { "waad|Pz4Nq8Lr2Ks6Jt0Hu3Gv7Fw1Ex5Dy9Cz-Ba_MnOpQrS", "Radia Perlman", "radia.perlman@acme.example", "rp", "Support" },
  { "auth0|65f0c1a2b3d4e5f607182939", "Ken Thompson", "ken.thompson@acme.example", "kt", NULL },
  { "google-oauth2|112233445566778899001", "Hedy Lamarr", "hedy.lamarr@acme.example", "hl", NULL },
  { "auth0|65f0c1a2b3d4e5f60718293a", "Claude Shannon", "claude.shannon@acme.example", "cs", "Billing" },
  { "auth0|65f0c1a2b3d4e5f60718293b", "Annie Easley", "annie.easley@acme.example", "ae", NULL },
  { "samlp|corp/hwlie", "Håkon Wium Lie", "hakon.lie@acme.example", "hw", NULL },
  { "auth0|65f0c1a2b3d4e5f60718293c", "Joan Clarke", "joan.clarke@acme.example", "jc", NULL },
  { "google-oauth2|100200300400500600700", "Tim Berners-Lee", "tim.bernerslee@acme.example", "tb", "Developer" },
  { "auth0|65f0c1a2b3d4e5f60718293d", "Karen Spärck Jones", "karen.sparckjones@acme.example", "ks", NULL },
};

/* Users of the tenant who belong to no organization, so that adding
 * members has someone new to add. */
static const PersonSpec spare_people[] = {
  { "auth0|65f0c1a2b3d4e5f607182a01", "Marie Curie", "marie.curie@example.com", "mc", NULL },
  { "auth0|65f0c1a2b3d4e5f607182a02", "Rosalind Franklin", "rosalind.franklin@example.com", "rf", NULL },
  { "google-oauth2|100000000000000000042", "Lise Meitner", "lise.meitner@example.com", "lm", NULL },
  { "samlp|corp/ntesla", "Nikola Tesla", "nikola.tesla@example.com", NULL, NULL },
};

/* Named organizations besides Acme, Globex and the empty one. */
static const OrganizationSpec named_organizations[] = {
  { "zurich-re", "Zürich Rückversicherung" },
  { "societe-generale-essai", "Société Générale d'Essai" },
  /* Created before display names existed: the key is missing from its JSON. */
  { "legacy-import", NULL },
  { "aperture", "Aperture Science" },
  { "black-mesa", "Black Mesa Research Facility" },
  { "cyberdyne", "Cyberdyne Systems" },
  { "dunder-mifflin", "Dunder Mifflin Paper Company" },
  { "gringotts", "Gringotts Wizarding Bank" },
  { "hooli", "Hooli" },
  { "initech", "Initech" },
  { "krakow-studio", "Studio Kraków" },
  { "los-pollos-hermanos", "Los Pollos Hermanos" },
  { "massive-dynamic", "Massive Dynamic" },
  { "monsters-inc", "Monsters, Inc." },
  { "nakatomi", "Nakatomi Trading Corp." },
  { "nandu-software", "Ñandú Software" },
  { "oresund-logistik", "Øresund Logistik" },
  { "oscorp", "Oscorp" },
  { "pied-piper", "Pied Piper" },
  { "soylent", "Soylent Corporation" },
  { "stark-industries", "Stark Industries" },
  { "tyrell", "Tyrell Corporation" },
  { "umbrella", "Umbrella Corporation" },
  { "vandelay", "Vandelay Industries" },
  { "wayne-enterprises", "Wayne Enterprises" },
  { "wonka", "Wonka Industries" },
  { "yamada-shoji", "山田商事株式会社" },
  { "yoyodyne", "Yoyodyne Propulsion Systems" },
};

/* Name parts of Globex's generated members. The counts are coprime, so
 * that the pairs below stay distinct for the first 40 * 37 members. */
static const char *const first_names[] = {
  "Amélie", "Björn", "Chloé", "Dörte", "Élodie", "François", "Gösta", "Håkon",
  "Inès", "Jürgen", "Kübra", "Léa", "Maël", "Núria", "Óscar", "Paweł",
  "Renée", "Søren", "Tomáš", "Božena", "Anna", "Ben", "Carlos", "Dana",
  "Emma", "Felix", "Grace", "Hugo", "Ivan", "Julia", "Kenji", "Lena",
  "Mateo", "Nora", "Omar", "Priya", "Quinn", "Rosa", "Samir", "Tara",
};

static const char *const last_names[] = {
  "Müller", "García", "Nowak", "Šimek", "Øvergaard", "Ó Briain", "Dubois", "Rossi",
  "Kowalczyk", "Yilmaz", "Nguyễn", "Jørgensen", "Fernández", "Lefèvre", "Szabó", "Björk",
  "Ćosić", "Papadopoulos", "Åberg", "Kim", "Smith", "Okafor", "Tanaka", "Silva",
  "Haddad", "Novák", "Ramírez", "Schäfer", "Eriksson", "Horváth", "Dvořák", "Løvlie",
  "Çelik", "Kovačević", "Ibáñez", "Żak", "Brown",
};

G_STATIC_ASSERT (G_N_ELEMENTS (acme_people) == 30);
G_STATIC_ASSERT (G_N_ELEMENTS (first_names) == 40);
G_STATIC_ASSERT (G_N_ELEMENTS (last_names) == 37);

static guint32
sequence_next (Sequence *sequence)
{
  guint32 x = sequence->state;

  x ^= x << 13;
  x ^= x >> 17;
  x ^= x << 5;
  sequence->state = x;

  return x;
}

static char *
sequence_string (Sequence   *sequence,
                 const char *alphabet,
                 guint       length)
{
  gsize alphabet_length = strlen (alphabet);
  GString *string = g_string_sized_new (length);

  for (guint i = 0; i < length; i++)
    g_string_append_c (string, alphabet[sequence_next (sequence) % alphabet_length]);

  return g_string_free (string, FALSE);
}

/* Folds @text to lowercase ASCII letters and digits, for emails and
 * avatar initials ("Ó Briain" -> "obriain"). */
static char *
fold_to_ascii (const char *text)
{
  g_autofree char *ascii = g_str_to_ascii (text, "C");
  GString *folded = g_string_new (NULL);

  for (const char *p = ascii; *p != '\0'; p++)
    {
      if (g_ascii_isalnum (*p))
        g_string_append_c (folded, g_ascii_tolower (*p));
    }

  return g_string_free (folded, FALSE);
}

static void
add_roles_by_name (RosterDemoData       *data,
                   RosterDemoMembership *membership,
                   const char           *role_names)
{
  g_auto(GStrv) names = NULL;

  if (role_names == NULL)
    return;

  names = g_strsplit (role_names, " ", -1);
  for (guint i = 0; names[i] != NULL; i++)
    {
      for (guint j = 0; j < data->roles->len; j++)
        {
          RosterDemoRole *role = g_ptr_array_index (data->roles, j);

          if (g_str_equal (role->name, names[i]))
            roster_demo_membership_add_role (membership, role);
        }
    }
}

static void
add_roles (RosterDemoData *data)
{
  for (guint i = 0; i < G_N_ELEMENTS (role_specs); i++)
    {
      g_assert (strlen (role_specs[i][0]) == strlen ("rol_") + 16);
      roster_demo_data_add_role (data, role_specs[i][0], role_specs[i][1], role_specs[i][2]);
    }
}

static void
add_people (RosterDemoData   *data,
            const PersonSpec *people,
            guint             n_people)
{
  for (guint i = 0; i < n_people; i++)
    roster_demo_data_add_user (data, people[i].user_id, people[i].name, people[i].email, people[i].avatar);
}

static void
populate_acme (RosterDemoData *data)
{
  RosterDemoOrganization *acme;

  acme = roster_demo_data_add_organization (data, ROSTER_DEMO_ORG_ACME, "acme", "Acme & <Sons>", DATASET_EPOCH_MS);

  for (guint i = 0; i < G_N_ELEMENTS (acme_people); i++)
    {
      RosterDemoUser *user = roster_demo_data_find_user (data, acme_people[i].user_id);
      gint64 joined_at_ms = acme->created_at_ms + i * G_GINT64_CONSTANT (3600000) + (i * 137) % 1000;
      RosterDemoMembership *membership = roster_demo_organization_add_member (acme, user, joined_at_ms);

      add_roles_by_name (data, membership, acme_people[i].roles);
    }
}

static char *
generate_user_id (Sequence   *sequence,
                  guint       index,
                  const char *login)
{
  g_autofree char *random_part = NULL;

  /* Sign-In with Ethereum users, which also have no email. */
  if (index % 89 == 0)
    {
      random_part = sequence_string (sequence, "0123456789abcdef", 40);
      return g_strconcat ("oauth2|siwe|eip155:5:0x", random_part, NULL);
    }

  switch (index % 10)
    {
    case 4:
    case 5:
      random_part = sequence_string (sequence, "0123456789", 20);
      return g_strconcat ("google-oauth2|1", random_part, NULL);

    case 6:
    case 8:
      random_part = sequence_string (sequence,
                                     "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_",
                                     43);
      return g_strconcat ("waad|", random_part, NULL);

    case 9:
      /* Every tenth member, including the last of each 50-item page. */
      return g_strconcat ("samlp|corp/", login, NULL);

    default:
      random_part = sequence_string (sequence, "0123456789abcdef", 24);
      return g_strconcat ("auth0|", random_part, NULL);
    }
}

static RosterDemoUser *
generate_globex_user (RosterDemoData *data,
                      Sequence       *sequence,
                      guint           index)
{
  const char *first = first_names[index % G_N_ELEMENTS (first_names)];
  const char *last = last_names[(index / G_N_ELEMENTS (first_names) + index) % G_N_ELEMENTS (last_names)];
  g_autofree char *name = g_strdup_printf ("%s %s", first, last);
  g_autofree char *first_ascii = fold_to_ascii (first);
  g_autofree char *last_ascii = fold_to_ascii (last);
  g_autofree char *email = g_strdup_printf ("%s.%s@globex.example", first_ascii, last_ascii);
  g_autofree char *first_lower = g_utf8_strdown (first, -1);
  g_autofree char *last_lower = g_utf8_strdown (last, -1);
  g_autofree char *last_compact = g_strdelimit (g_strdup (last_lower), " ", '-');
  g_autofree char *login = g_strdup_printf ("%s.%s", first_lower, last_compact);
  g_autofree char *user_id = generate_user_id (sequence, index, login);
  char avatar[3] = { first_ascii[0], last_ascii[0], '\0' };

  return roster_demo_data_add_user (data,
                                    user_id,
                                    index % 101 == 50 ? NULL : name,
                                    index % 89 == 0 ? NULL : email,
                                    index % 13 == 0 ? NULL : avatar);
}

static void
assign_globex_roles (RosterDemoData       *data,
                     RosterDemoMembership *membership,
                     guint                 index)
{
  if (index % 25 == 0)
    add_roles_by_name (data, membership, "Viewer");
  if (index % 100 == 0)
    add_roles_by_name (data, membership, "Admin");
  if (index % 60 == 7)
    add_roles_by_name (data, membership, "Billing");
}

static void
populate_globex (RosterDemoData *data,
                 Sequence       *sequence)
{
  RosterDemoOrganization *globex;

  globex = roster_demo_data_add_organization (data,
                                              ROSTER_DEMO_ORG_LARGE,
                                              "globex",
                                              "Globex Corporation",
                                              DATASET_EPOCH_MS + G_GINT64_CONSTANT (86400000));

  for (guint i = 0; i < ROSTER_DEMO_LARGE_MEMBER_COUNT; i++)
    {
      RosterDemoUser *user = generate_globex_user (data, sequence, i);
      gint64 joined_at_ms = globex->created_at_ms + i * G_GINT64_CONSTANT (61000) + (i * 37) % 1000;
      RosterDemoMembership *membership = roster_demo_organization_add_member (globex, user, joined_at_ms);

      assign_globex_roles (data, membership, i);
    }
}

/* Gives a smaller organization a few members taken from Acme's people and
 * the spare ones, a different handful for each organization. */
static void
add_small_membership (RosterDemoData         *data,
                      RosterDemoOrganization *organization,
                      guint                   index)
{
  guint n_acme = G_N_ELEMENTS (acme_people);
  guint n_pool = n_acme + G_N_ELEMENTS (spare_people);

  for (guint j = 0; j < index % 6; j++)
    {
      guint pick = (index * 7 + j * 3) % n_pool;
      const PersonSpec *person = pick < n_acme ? &acme_people[pick] : &spare_people[pick - n_acme];
      RosterDemoUser *user = roster_demo_data_find_user (data, person->user_id);
      gint64 joined_at_ms = organization->created_at_ms + j * G_GINT64_CONSTANT (86400000) + j * 211;

      roster_demo_organization_add_member (organization, user, joined_at_ms);
    }
}

static void
populate_other_organizations (RosterDemoData *data,
                              Sequence       *sequence)
{
  const char *alphanumeric = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  guint n_named = G_N_ELEMENTS (named_organizations);

  roster_demo_data_add_organization (data,
                                     ROSTER_DEMO_ORG_EMPTY,
                                     "empty-org",
                                     "Empty Organization",
                                     DATASET_EPOCH_MS + G_GINT64_CONSTANT (2) * 86400000);

  for (guint i = 0; i < n_named + GENERATED_BRANCH_COUNT; i++)
    {
      g_autofree char *random_part = sequence_string (sequence, alphanumeric, 16);
      g_autofree char *id = g_strconcat ("org_", random_part, NULL);
      g_autofree char *branch_name = g_strdup_printf ("branch-%02u", i - n_named + 1);
      g_autofree char *branch_display_name = g_strdup_printf ("Branch Office %02u", i - n_named + 1);
      gint64 created_at_ms = DATASET_EPOCH_MS + (i + 3) * G_GINT64_CONSTANT (86400000) + (i * 389) % 1000;
      RosterDemoOrganization *organization;

      if (i < n_named)
        organization = roster_demo_data_add_organization (data,
                                                          id,
                                                          named_organizations[i].name,
                                                          named_organizations[i].display_name,
                                                          created_at_ms);
      else
        organization = roster_demo_data_add_organization (data, id, branch_name, branch_display_name, created_at_ms);

      add_small_membership (data, organization, i);
    }
}

void
roster_demo_dataset_populate (RosterDemoData *data)
{
  Sequence sequence = { 0x2545f491 };

  g_assert (data != NULL);

  add_roles (data);
  add_people (data, acme_people, G_N_ELEMENTS (acme_people));
  add_people (data, spare_people, G_N_ELEMENTS (spare_people));

  populate_acme (data);
  populate_globex (data, &sequence);
  populate_other_organizations (data, &sequence);

  roster_demo_data_sort_organizations (data);
}
