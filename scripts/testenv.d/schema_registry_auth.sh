# shellcheck shell=bash
# Service "schema_registry_auth": the same Confluent Schema Registry 7.7.8 as "schema_registry" (see
# schema_registry.sh, which this file builds on), on its own port, topic and group, behind HTTP basic auth:
# authentication.method=BASIC with Jetty's JAAS PropertyFileLoginModule and a password file in
# testenv/schema_registry_auth/ holding one user, SLUICE_SCHEMA_REGISTRY_USERNAME/PASSWORD, role admin.
# A request without credentials or with wrong ones gets 401 {"error_code":401,"message":"Unauthorized"}.
# Clients: basic.auth.credentials.source=USER_INFO and basic.auth.user.info=$SCHEMA_REGISTRY_USER_INFO.

# shellcheck source-path=SCRIPTDIR source=schema_registry.sh
declare -F schema_registry_launch >/dev/null || . "$(dirname "${BASH_SOURCE[0]}")/schema_registry.sh"

schema_registry_auth_url() { echo "http://127.0.0.1:$SLUICE_SCHEMA_REGISTRY_AUTH_PORT"; }
schema_registry_auth_user_info() { echo "$SLUICE_SCHEMA_REGISTRY_USERNAME:$SLUICE_SCHEMA_REGISTRY_PASSWORD"; }

# Installed by schema_registry_install (one classpath for both).
schema_registry_auth_install() { schema_registry_install; }

schema_registry_auth_start() {
    local dir
    dir=$(svc_dir schema_registry_auth)
    if [[ $SLUICE_SCHEMA_REGISTRY_USERNAME$SLUICE_SCHEMA_REGISTRY_PASSWORD =~ [:,[:space:]] ]]; then
        die "SLUICE_SCHEMA_REGISTRY_USERNAME and SLUICE_SCHEMA_REGISTRY_PASSWORD may not hold ':', ',' or spaces"
    fi
    svc_wait kafka "${SLUICE_TESTENV_TIMEOUT:-120}"
    ensure_ports_free schema_registry_auth "$SLUICE_SCHEMA_REGISTRY_AUTH_PORT"
    mkdir -p "$dir"
    # Jetty's PropertyFileLoginModule: "user: password,role..." per line.
    (
        umask 077
        echo "$SLUICE_SCHEMA_REGISTRY_USERNAME: $SLUICE_SCHEMA_REGISTRY_PASSWORD,admin" >"$dir/passwords.properties"
    )
    cat >"$dir/jaas.conf" <<EOF
SchemaRegistry {
  org.eclipse.jetty.jaas.spi.PropertyFileLoginModule required
  file="$dir/passwords.properties"
  debug="false";
};
EOF
    {
        schema_registry_properties schema_registry_auth "$SLUICE_SCHEMA_REGISTRY_AUTH_PORT"
        # rest-utils' basic auth: the JAAS entry named by the realm, and the roles let in (all of them: admin).
        echo "authentication.method=BASIC"
        echo "authentication.realm=SchemaRegistry"
        echo "authentication.roles=admin"
    } >"$dir/schema-registry.properties"
    schema_registry_launch schema_registry_auth -Djava.security.auth.login.config="$dir/jaas.conf"
}

schema_registry_auth_ready() {
    schema_registry_answers "$(schema_registry_auth_url)" -u "$(schema_registry_auth_user_info)"
}

schema_registry_auth_env() {
    echo "export SCHEMA_REGISTRY_AUTH_URL=$(schema_registry_auth_url)"
    echo "export SCHEMA_REGISTRY_USER_INFO=$(schema_registry_auth_user_info)"
}

schema_registry_auth_describe() {
    echo "Confluent Schema Registry $SCHEMA_REGISTRY_VERSION with basic auth (user $SLUICE_SCHEMA_REGISTRY_USERNAME) on $(schema_registry_auth_url), schemas in topic _sluice_testenv_schema_registry_auth"
}
