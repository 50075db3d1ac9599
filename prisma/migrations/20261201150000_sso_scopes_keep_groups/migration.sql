-- Before the per-connection scopes column, every OIDC sign-in asked for
-- "openid email profile groups"; the column's default leaves out "groups", which carries job codes
-- and groups at many providers (the local IdP among them). Connections that existed then keep
-- asking for it, so their claims, and the groups they map to, do not silently disappear.
UPDATE "SsoConnection"
SET "scopes" = array_append("scopes", 'groups')
WHERE "protocol" = 'OIDC' AND NOT ('groups' = ANY ("scopes"));
