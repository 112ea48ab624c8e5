// Allure 3 configuration, read by `allure generate` (src/reporting/report/buildReport.ts passes it with --config).
// One plugin, "awesome", in single-file mode: the report is ONE self-contained HTML file that opens offline.
export default {
  name: 'Dress Rehearsal',
  output: './reports/allure-report',
  plugins: {
    awesome: {
      options: {
        singleFile: true,
        reportName: 'Dress Rehearsal',
        reportLanguage: 'en',
      },
    },
    // Allure adds its "agent" plugin (AI-agent markdown output) unless told otherwise; the rehearsal has no use for it.
    agent: { enabled: false },
  },
};
