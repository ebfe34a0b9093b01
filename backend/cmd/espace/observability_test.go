package main

import (
	"encoding/json"
	"net"
	"os"
	"os/exec"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"

	"espace/backend/internal/testutil"
)

// alerts.yml is a valid rule file for Prometheus: checked by promtool (the
// Debian package prometheus), which parses every PromQL expression and
// template. Its queries name only exported series: see
// httpapi's TestMetricsAfterScenario.
func TestAlertRulesParse(t *testing.T) {
	promtool, err := exec.LookPath("promtool")
	if err != nil {
		t.Fatal("promtool introuvable : installez le paquet Debian prometheus")
	}
	out, err := exec.Command(promtool, "check", "rules", "../../../deploy/prometheus/alerts.yml").CombinedOutput()
	if err != nil {
		t.Fatalf("promtool check rules : %v\n%s", err, out)
	}
	readme := testutil.RepoFile(t, "README.md")
	// The README says of each alert what it means and what to do.
	for _, r := range testutil.AlertRules(t) {
		if !strings.Contains(string(readme), "`"+r.Alert+"`") {
			t.Errorf("README.md n'explique pas l'alerte %s", r.Alert)
		}
	}
}

// The compose stack scrapes both replicas' metrics listeners, on a port that
// is neither the public one nor published, and provisions the dashboard.
func TestComposeObservability(t *testing.T) {
	var doc composeFile
	testutil.RepoYAML(t, "docker-compose.yml", &doc)
	var ports struct {
		Services map[string]struct {
			Ports []string `yaml:"ports"`
		} `yaml:"services"`
	}
	testutil.RepoYAML(t, "docker-compose.yml", &ports)
	api := doc.Services["api"]
	_, metricsPort, err := net.SplitHostPort(api.Environment["ESPACE_METRICS_ADDR"])
	if err != nil {
		t.Fatalf("api : ESPACE_METRICS_ADDR %q : %v", api.Environment["ESPACE_METRICS_ADDR"], err)
	}
	if _, publicPort, _ := net.SplitHostPort(api.Environment["ESPACE_ADDR"]); publicPort == metricsPort {
		t.Fatal("les métriques sur le port public")
	}
	if len(ports.Services["api"].Ports) != 0 {
		t.Fatalf("api publie des ports : %v", ports.Services["api"].Ports)
	}
	var prom struct {
		RuleFiles     []string `yaml:"rule_files"`
		ScrapeConfigs []struct {
			JobName     string `yaml:"job_name"`
			MetricsPath string `yaml:"metrics_path"`
			DNSSD       []struct {
				Names []string `yaml:"names"`
				Port  int      `yaml:"port"`
			} `yaml:"dns_sd_configs"`
		} `yaml:"scrape_configs"`
	}
	b := testutil.RepoFile(t, "deploy/prometheus/prometheus.yml")
	if err := yaml.Unmarshal(b, &prom); err != nil {
		t.Fatal(err)
	}
	found := false
	for _, sc := range prom.ScrapeConfigs {
		for _, sd := range sc.DNSSD {
			for _, n := range sd.Names {
				// Docker's DNS answers the service name with every replica.
				if n == "api" && sc.JobName == "espace" && sc.MetricsPath == "/metrics" && strings.TrimSpace(metricsPort) == itoa(sd.Port) {
					found = true
				}
			}
		}
	}
	if !found {
		t.Fatalf("prometheus.yml ne collecte pas api:%s/metrics (job espace) : %+v", metricsPort, prom.ScrapeConfigs)
	}
	mounts := func(svc string) map[string]string {
		out := map[string]string{}
		for _, v := range doc.Services[svc].Volumes {
			host, target, _ := strings.Cut(v, ":")
			target, _, _ = strings.Cut(target, ":")
			out[target] = host
			if strings.HasPrefix(host, "./") {
				if _, err := os.Stat("../../../" + host); err != nil {
					t.Errorf("%s : %v", svc, err)
				}
			}
		}
		return out
	}
	pm := mounts("prometheus")
	if pm["/etc/prometheus/prometheus.yml"] != "./deploy/prometheus/prometheus.yml" || len(prom.RuleFiles) != 1 ||
		pm[prom.RuleFiles[0]] != "./deploy/prometheus/alerts.yml" {
		t.Fatalf("prometheus : montages %v, règles %v", pm, prom.RuleFiles)
	}
	gm := mounts("grafana")
	if gm["/etc/grafana/provisioning"] != "./deploy/grafana/provisioning" || gm["/var/lib/grafana/dashboards/espace.json"] != "./deploy/grafana/espace.json" {
		t.Fatalf("grafana : montages %v", gm)
	}
	var ds struct {
		Datasources []struct {
			UID string `yaml:"uid"`
			URL string `yaml:"url"`
		} `yaml:"datasources"`
	}
	b = testutil.RepoFile(t, "deploy/grafana/provisioning/datasources/prometheus.yml")
	if err := yaml.Unmarshal(b, &ds); err != nil || len(ds.Datasources) != 1 || ds.Datasources[0].URL != "http://prometheus:9090" {
		t.Fatalf("source de données : %+v %v", ds, err)
	}
	var dash struct {
		UID    string `json:"uid"`
		Panels []struct {
			Datasource struct {
				UID string `json:"uid"`
			} `json:"datasource"`
		} `json:"panels"`
	}
	b = testutil.RepoFile(t, "deploy/grafana/espace.json")
	if err := json.Unmarshal(b, &dash); err != nil {
		t.Fatal(err)
	}
	if dash.UID == "" || len(dash.Panels) < 8 {
		t.Fatalf("tableau de bord : uid %q, %d panneaux", dash.UID, len(dash.Panels))
	}
	for i, p := range dash.Panels {
		if p.Datasource.UID != ds.Datasources[0].UID {
			t.Errorf("panneau %d : source %q", i, p.Datasource.UID)
		}
	}
}

func itoa(n int) string {
	b, _ := json.Marshal(n)
	return string(b)
}
