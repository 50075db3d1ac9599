-- Two municipalities never claim the same email domain (DESIGN.md trust rules). policies/sso.yaml
-- is checked when it loads (lib/auth/sso-map.ts); the self-registration domains stored here are
-- checked by the database itself, whatever code writes them: no domain, in any letter case, may be
-- listed by two municipalities. The advisory lock makes concurrent writers take turns, so two
-- transactions cannot each add the same domain to a different municipality.
CREATE FUNCTION "municipality_domains_unique"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  taken record;
BEGIN
  PERFORM pg_advisory_xact_lock(727274013);
  SELECT lower(d) AS domain, m.slug AS slug INTO taken
    FROM "Municipality" m, unnest(m."selfRegistrationDomains") AS d
    WHERE m.id <> NEW.id AND lower(d) IN (SELECT lower(x) FROM unnest(NEW."selfRegistrationDomains") AS x)
    LIMIT 1;
  IF FOUND THEN
    RAISE EXCEPTION 'the email domain "%" is already claimed by municipality %', taken.domain, taken.slug;
  END IF;
  RETURN NEW;
END;
$$;

CREATE TRIGGER "Municipality_selfRegistrationDomains_unique"
  BEFORE INSERT OR UPDATE OF "selfRegistrationDomains" ON "Municipality"
  FOR EACH ROW EXECUTE FUNCTION "municipality_domains_unique"();
