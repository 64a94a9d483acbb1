/*
 * categories.c: the FINESS category table (maturinh/categories.h), the one
 * owner of it in the project.
 *
 * From the nomenclature TRE_R66 of `categetab` as summarised in
 * shared/sources/finess-extract.md ("Category codes"): the sanitaire
 * categories, then the médico-social ones (personnes âgées, handicap).  The
 * labels are FINESS's own; where the source gives only an acronym, its
 * usual expansion follows in parentheses, as the source does for EHPAD.
 * Retired codes (437, 377, 379, 382, retired 2018-10-26) and aggregate
 * categories (1101, 1102, 4401) are not categories an establishment has
 * today: they are left out.
 *
 * The table is in code order (a test checks it): lookups are a binary
 * search.
 */
#include <stdlib.h>
#include <string.h>

#include "maturinh/categories.h"

#define S MH_SECTOR_SANITAIRE
#define M MH_SECTOR_MEDICO_SOCIAL

static const mh_category categories[] = {
    {"101", "Centre Hospitalier Régional (C.H.R.)", S},
    {"106", "Centre hospitalier, ex Hôpital local", S},
    {"109", "Établissement de santé privé autorisé en SSR", S},
    {"114", "Hôpital des armées", S},
    {"122", "Établissement de Soins Obstétriques Chirurgico-Gynécologiques", S},
    {"127", "Hospitalisation à Domicile", S},
    {"128", "Établissement de Soins Chirurgicaux", S},
    {"129", "Établissement de Soins Médicaux", S},
    {"131", "Centre de Lutte Contre Cancer", S},
    {"141", "Centre de dialyse", S},
    {"146", "Structure d'Alternative à la dialyse en centre", S},
    {"156", "Centre Médico-Psychologique (C.M.P.)", S},
    {"161", "Maison de Santé pour Maladies Mentales", S},
    {"182", "SESSAD (Service d'éducation spéciale et de soins à domicile)", M},
    {"183", "IME (Institut médico-éducatif)", M},
    {"186", "ITEP (Institut thérapeutique, éducatif et pédagogique)", M},
    {"188", "EEAP (Établissement pour enfants ou adolescents polyhandicapés)", M},
    {"189", "CMPP (Centre médico-psycho-pédagogique)", M},
    {"190", "CAMSP (Centre d'action médico-sociale précoce)", M},
    {"192", "IEM (Institut d'éducation motrice)", M},
    {"194", "Institut pour déficients visuels", M},
    {"195", "Institut pour déficients auditifs", M},
    {"198", "CPO (Centre de pré-orientation)", M},
    {"209", "SAAS (Service autonomie aide et soins)", M},
    {"246", "ESAT (Établissement et service d'aide par le travail)", M},
    {"249", "CRP (Centre de rééducation professionnelle)", M},
    {"255", "MAS (Maison d'accueil spécialisée)", M},
    {"292", "Centre Hospitalier Spécialisé lutte Maladies Mentales", S},
    {"354", "SSIAD (Service de soins infirmiers à domicile)", M},
    {"355", "Centre Hospitalier (C.H.)", S},
    {"362", "Établissement de Soins Longue Durée", S},
    {"365", "Établissement de Soins Pluridisciplinaire", S},
    {"370", "Établissement expérimental pour personnes handicapées", M},
    {"381", "Établissement expérimental pour personnes âgées", M},
    {"390", "Accueil temporaire pour enfants handicapés", M},
    {"395", "Accueil temporaire pour adultes handicapés", M},
    {"396", "Foyer d'hébergement enfants et adolescents handicapés", M},
    {"412", "Appartement Thérapeutique", S},
    {"425", "Centre d'Accueil Thérapeutique à temps partiel (C.A.T.T.P.)", S},
    {"430", "Centre Postcure Malades Mentaux", S},
    {"433", "Établissement Sanitaire des Prisons", S},
    {"444", "Centre de Crise et d'Accueil Permanent", S},
    {"445", "SAMSAH (Service d'accompagnement médico-social pour adultes handicapés)", M},
    {"446", "SAVS (Service d'accompagnement à la vie sociale)", M},
    {"448", "EAM (Établissement d'accueil médicalisé)", M},
    {"460", "Service autonomie aide", M},
    {"461", "Centre de ressources", M},
    {"464",
     "UEROS (Unité d'évaluation, de réentraînement et d'orientation sociale et "
     "professionnelle)",
     M},
    {"500", "EHPAD (Établissement d'hébergement pour personnes âgées dépendantes)", M},
    {"501", "EHPA percevant des crédits d'assurance maladie", M},
    {"502", "EHPA ne percevant pas des crédits d'assurance maladie", M},
    {"695", "Groupement de coopération sanitaire", S},
    {"696", "Groupement de coopération sanitaire", S},
    {"697", "Groupement de coopération sanitaire", S},
    {"698", "Autre établissement Loi Hospitalière", S},
    {"699", "Entité ayant autorisation", S},
};

#undef S
#undef M

static int compare_code(const void *key, const void *element)
{
        return strcmp(key, ((const mh_category *)element)->code);
}

const mh_category *mh_category_find(const char *code)
{
        if (code == NULL)
                return NULL;
        return bsearch(code, categories, sizeof(categories) / sizeof(categories[0]),
                       sizeof(categories[0]), compare_code);
}

const char *mh_category_label(const char *code)
{
        const mh_category *c = mh_category_find(code);

        return c != NULL ? c->label : NULL;
}

mh_sector mh_category_sector(const char *code)
{
        const mh_category *c = mh_category_find(code);

        return c != NULL ? c->sector : MH_SECTOR_UNKNOWN;
}

const char *mh_sector_label(mh_sector sector)
{
        switch (sector) {
        case MH_SECTOR_SANITAIRE:
                return "sanitaire";
        case MH_SECTOR_MEDICO_SOCIAL:
                return "médico-social";
        case MH_SECTOR_UNKNOWN:
                break;
        }
        return NULL;
}

size_t mh_category_count(void)
{
        return sizeof(categories) / sizeof(categories[0]);
}

const mh_category *mh_category_at(size_t i)
{
        return i < mh_category_count() ? &categories[i] : NULL;
}
