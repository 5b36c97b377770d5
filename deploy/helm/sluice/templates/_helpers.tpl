{{/* Names and labels. */}}
{{- define "sluice.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "sluice.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{- define "sluice.selectorLabels" -}}
app.kubernetes.io/name: {{ include "sluice.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{- define "sluice.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{ include "sluice.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end }}

{{- define "sluice.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "sluice.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{/* The connector's name: the consumer group is connect-<name>, the lag metric's `connector` label. */}}
{{- define "sluice.connectorName" -}}
{{- $name := .Values.connector.name | default (index .Values.connector.properties "name") -}}
{{- required "connector.properties.name (or connector.name with connector.existingConfigMap) is required" $name -}}
{{- end }}

{{- define "sluice.workerSecretName" -}}
{{- .Values.worker.existingSecret | default (printf "%s-worker" (include "sluice.fullname" .)) }}
{{- end }}

{{- define "sluice.connectorConfigMapName" -}}
{{- .Values.connector.existingConfigMap | default (printf "%s-connector" (include "sluice.fullname" .)) }}
{{- end }}

{{- define "sluice.restAuthSecretName" -}}
{{- .Values.rest.basicAuth.existingSecret | default (printf "%s-rest-auth" (include "sluice.fullname" .)) }}
{{- end }}

{{/* Fails unless the REST listener on the pod IP is either authenticated or explicitly open. */}}
{{- define "sluice.checkRestAuth" -}}
{{- if and (not .Values.rest.basicAuth.enabled) (not .Values.rest.allowUnauthenticated) }}
{{- fail "the REST API listens on the pod IP: set rest.basicAuth.enabled=true, or rest.allowUnauthenticated=true (then consider networkPolicy.enabled=true)" }}
{{- end }}
{{- if and .Values.rest.basicAuth.enabled .Values.rest.allowUnauthenticated }}
{{- fail "rest.basicAuth.enabled and rest.allowUnauthenticated contradict each other: set one" }}
{{- end }}
{{- end }}

{{/* Java properties escaping (java.util.Properties.store): a key escapes `\`, blanks, `=`, `:`, `#`,
`!`; a value escapes `\` and its leading blank; both escape line breaks and tabs. */}}
{{- define "sluice.propertiesEscape" -}}
{{- . | toString | replace "\\" "\\\\" | replace "\n" "\\n" | replace "\r" "\\r" | replace "\t" "\\t" -}}
{{- end }}

{{- define "sluice.propertiesKey" -}}
{{- include "sluice.propertiesEscape" . | replace " " "\\ " | replace "=" "\\=" | replace ":" "\\:" | replace "#" "\\#" | replace "!" "\\!" -}}
{{- end }}

{{- define "sluice.propertiesValue" -}}
{{- $v := include "sluice.propertiesEscape" . -}}
{{- if hasPrefix " " $v }}{{ printf "\\%s" $v }}{{ else }}{{ $v }}{{ end -}}
{{- end }}

{{/* A map as a .properties file, keys sorted. */}}
{{- define "sluice.properties" -}}
{{- range $k, $v := . }}
{{ include "sluice.propertiesKey" $k }}={{ include "sluice.propertiesValue" $v }}
{{- end }}
{{- end }}

{{/* The worker file: the user's keys plus those the chart owns (see values.yaml, worker). */}}
{{- define "sluice.workerProperties" -}}
{{- $props := deepCopy (.Values.worker.properties | default dict) -}}
{{- $_ := set $props "listeners" (printf "http://0.0.0.0:%d" (int .Values.rest.port)) -}}
{{- $_ := set $props "task.shutdown.graceful.timeout.ms" (toString (int64 .Values.shutdown.gracefulTimeoutMs)) -}}
{{- if .Values.rest.basicAuth.enabled }}
{{- $_ := set $props "sluice.rest.basic.auth.credentials.file" "/etc/sluice/rest-auth/credentials.properties" -}}
{{- $_ := unset $props "sluice.rest.allow.unauthenticated" -}}
{{- else }}
{{- $_ := set $props "sluice.rest.allow.unauthenticated" "true" -}}
{{- $_ := unset $props "sluice.rest.basic.auth.credentials.file" -}}
{{- end }}
{{- printf "# Rendered by the sluice Helm chart (release %s)." .Release.Name }}
{{- include "sluice.properties" $props }}
{{- end }}

{{/* The connector file. */}}
{{- define "sluice.connectorProperties" -}}
{{- printf "# Rendered by the sluice Helm chart (release %s)." .Release.Name }}
{{- include "sluice.properties" .Values.connector.properties }}
{{- end }}

{{/* sluice waits max(task.shutdown.graceful.timeout.ms, 30 s) for uploads, then commits and leaves. */}}
{{- define "sluice.terminationGracePeriodSeconds" -}}
{{- $ms := max (int64 .Values.shutdown.gracefulTimeoutMs) 30000 -}}
{{- add (div (add $ms 999) 1000) (int64 .Values.shutdown.extraGraceSeconds) -}}
{{- end }}
