import type { ControlFrequency, ControlNature } from "./controls";

// A starter set of controls a typical service organisation adopts, in the project's own words.
// Each maps to SOC 2 criteria of the current edition and to SOC 1 / ISAE 3402 starter
// objectives (domain-reference.md, section G). Users adopt, edit or drop them; the mappings are
// suggestions to confirm, not an authority. Data-centre physical security is assumed to be
// carved out to a hosting provider and monitored through VEN-01.

export type StarterControl = {
  ref: string;
  title: string;
  description: string;
  frequency: ControlFrequency;
  nature: ControlNature;
  key: boolean;
  criteria: readonly string[];
  objectives: readonly string[];
};

export const STARTER_CONTROLS: readonly StarterControl[] = [
  // Governance
  {
    ref: "GOV-01",
    title: "Code of conduct acknowledgement",
    frequency: "annual",
    nature: "manual",
    key: true,
    description:
      "The HR manager publishes a code of conduct that sets out expected behaviour and how breaches are handled. Every employee and contractor acknowledges it when they join and again each year, and the HR manager follows up anyone who has not acknowledged within 30 days.",
    criteria: ["CC1.1", "CC1.5", "CC2.2"],
    objectives: [],
  },
  {
    ref: "GOV-02",
    title: "Board oversight of security and compliance",
    frequency: "quarterly",
    nature: "manual",
    key: true,
    description:
      "The board, including at least one member independent of management, meets every quarter and receives a pack from the CISO covering security risks, incidents, audit findings and open control deficiencies. Decisions and follow-up actions are minuted and tracked to closure.",
    criteria: ["CC1.2", "CC2.1", "CC4.2"],
    objectives: [],
  },
  {
    ref: "GOV-03",
    title: "Organisation chart and role descriptions",
    frequency: "annual",
    nature: "manual",
    key: false,
    description:
      "The COO keeps an organisation chart showing reporting lines and a role description for each position, including any security and control duties. Both are reviewed every year and whenever the structure changes, and are available to all staff on the intranet.",
    criteria: ["CC1.3", "CC1.5"],
    objectives: [],
  },
  {
    ref: "GOV-04",
    title: "Annual policy review and approval",
    frequency: "annual",
    nature: "manual",
    key: true,
    description:
      "The CISO reviews the information security policy set (access, change, operations, incident, vendor, data handling) once a year and after significant changes. The CEO approves the updated versions, and the policies are published to staff with the change history recorded.",
    criteria: ["CC2.2", "CC5.2", "CC5.3"],
    objectives: ["ITGC-12"],
  },
  {
    ref: "GOV-05",
    title: "Quarterly control self-assessment",
    frequency: "quarterly",
    nature: "manual",
    key: true,
    description:
      "Each quarter the compliance lead tests a sample of key controls against their documented design and checks that evidence exists for the period. Deficiencies are logged with an owner and due date, and a summary is reported to the leadership team and to the board.",
    criteria: ["CC4.1", "CC4.2", "CC5.1"],
    objectives: ["ITGC-12"],
  },

  // Risk
  {
    ref: "RISK-01",
    title: "Annual risk assessment, including fraud risk",
    frequency: "annual",
    nature: "manual",
    key: true,
    description:
      "Once a year, and when the business or technology changes significantly, the CISO and department heads identify risks to the service commitments, rate their likelihood and impact, and record a treatment for each in the risk register. A dedicated section considers how fraud could occur, including management override and misuse of access. The CEO approves the register and the resulting treatment plan.",
    criteria: ["CC3.1", "CC3.2", "CC3.3", "CC3.4", "CC5.1", "CC9.1"],
    objectives: [],
  },

  // People
  {
    ref: "HR-01",
    title: "Pre-hire screening and onboarding",
    frequency: "event_driven",
    nature: "manual",
    key: false,
    description:
      "Before a new hire's start date, the HR manager confirms that a background check proportionate to the role has been completed and that a signed confidentiality agreement is on file. The onboarding checklist records both items and is kept in the employee file.",
    criteria: ["CC1.1", "CC1.4"],
    objectives: [],
  },
  {
    ref: "HR-02",
    title: "Security awareness training",
    frequency: "annual",
    nature: "it_dependent_manual",
    key: true,
    description:
      "All staff complete security and privacy awareness training within 30 days of joining and every year after that, through the learning platform. The compliance lead reviews the completion report monthly and escalates overdue staff to their managers.",
    criteria: ["CC1.4", "CC2.2"],
    objectives: [],
  },
  {
    ref: "HR-03",
    title: "Annual performance reviews",
    frequency: "annual",
    nature: "manual",
    key: false,
    description:
      "Managers hold a documented performance review with each direct report once a year, covering objectives, skills and how the person carried out any assigned control duties. The HR manager tracks completion and follows up on missing reviews.",
    criteria: ["CC1.4", "CC1.5"],
    objectives: [],
  },

  // Logical access
  {
    ref: "AC-01",
    title: "Single sign-on with MFA and password policy",
    frequency: "continuous",
    nature: "automated",
    key: true,
    description:
      "Access to production systems, the cloud console and business applications goes through the identity provider, which enforces multi-factor authentication and the documented password rules (length, lockout, no reuse). The IT manager keeps the configuration under change control and any exception must be approved by the CISO.",
    criteria: ["CC6.1", "CC6.6"],
    objectives: ["ITGC-01"],
  },
  {
    ref: "AC-02",
    title: "Approved access provisioning",
    frequency: "event_driven",
    nature: "it_dependent_manual",
    key: true,
    description:
      "New or changed access is requested through a ticket that names the role needed. The user's manager and the system owner approve the ticket before the IT manager grants the access, using predefined roles that respect segregation of duties.",
    criteria: ["CC6.2", "CC6.3"],
    objectives: ["ITGC-02"],
  },
  {
    ref: "AC-03",
    title: "Quarterly user access review",
    frequency: "quarterly",
    nature: "it_dependent_manual",
    key: true,
    description:
      "Each quarter the IT manager exports the user lists of in-scope systems and each system owner confirms that every account and role is still needed. Access marked for removal is revoked within five business days, and the signed-off review and the removal tickets are retained.",
    criteria: ["CC4.1", "CC6.2", "CC6.3"],
    objectives: ["ITGC-03"],
  },
  {
    ref: "AC-04",
    title: "Restricted privileged access",
    frequency: "quarterly",
    nature: "manual",
    key: true,
    description:
      "Administrator access to production, databases and the cloud account is limited to a named list of engineers approved by the CISO. The CISO reviews that list against the actual privileged accounts every quarter and removes anything not on it.",
    criteria: ["CC6.1", "CC6.3"],
    objectives: ["ITGC-03"],
  },
  {
    ref: "AC-05",
    title: "Access removal at termination",
    frequency: "event_driven",
    nature: "manual",
    key: true,
    description:
      "When someone leaves, the HR manager records the leaving date in the HR system, which opens an offboarding ticket for IT. The IT manager disables the identity-provider account and removes any direct system access within one business day of the leaving date, and collects company equipment.",
    criteria: ["CC6.2"],
    objectives: ["ITGC-02"],
  },

  // Change management
  {
    ref: "CHG-01",
    title: "Reviewed, tested and approved changes",
    frequency: "event_driven",
    nature: "it_dependent_manual",
    key: true,
    description:
      "Every change to application code and infrastructure configuration is made through a pull request linked to a ticket. The automated test suite must pass and a second engineer must approve the pull request before it can be merged, which the repository settings enforce.",
    criteria: ["CC5.2", "CC8.1"],
    objectives: ["ITGC-04"],
  },
  {
    ref: "CHG-02",
    title: "Segregated deployment pipeline",
    frequency: "continuous",
    nature: "automated",
    key: true,
    description:
      "Only the deployment pipeline can change production, and it deploys only commits merged to the protected main branch. Engineers have no standing write access to production; the pipeline configuration itself can be changed only through CHG-01.",
    criteria: ["CC6.3", "CC8.1"],
    objectives: ["ITGC-03", "ITGC-04"],
  },
  {
    ref: "CHG-03",
    title: "Emergency changes approved after the fact",
    frequency: "event_driven",
    nature: "manual",
    key: false,
    description:
      "An emergency change that bypasses normal review is recorded in a ticket marked as an emergency, stating the reason. The engineering manager reviews and approves it within two business days of deployment, and any follow-up fix goes through the normal process.",
    criteria: ["CC8.1"],
    objectives: ["ITGC-04"],
  },
  {
    ref: "CHG-04",
    title: "New system and data conversion sign-off",
    frequency: "event_driven",
    nature: "manual",
    key: true,
    description:
      "Projects that introduce a new system or migrate data follow the documented development life cycle. The business owner approves the requirements, record counts and control totals of any migrated data are reconciled, and the engineering manager and business owner sign off before go-live.",
    criteria: ["CC3.4", "CC8.1", "PI1.2"],
    objectives: ["ITGC-05"],
  },

  // Operations
  {
    ref: "OPS-01",
    title: "Security and availability monitoring",
    frequency: "continuous",
    nature: "automated",
    key: true,
    description:
      "Logs and metrics from production systems are collected centrally and alerting rules notify the on-call engineer of suspicious activity, errors and outages. The on-call engineer triages each alert and opens an incident under IR-02 when it meets the incident criteria.",
    criteria: ["CC7.2", "CC7.3"],
    objectives: ["ITGC-09"],
  },
  {
    ref: "OPS-02",
    title: "Vulnerability scanning and remediation",
    frequency: "weekly",
    nature: "it_dependent_manual",
    key: true,
    description:
      "Infrastructure, container images and dependencies are scanned automatically every week, and cloud configuration is checked against a hardening baseline. The security engineer reviews new findings weekly and tickets them, with critical findings fixed within 14 days and high within 30 days.",
    criteria: ["CC6.6", "CC7.1"],
    objectives: ["ITGC-09"],
  },
  {
    ref: "OPS-03",
    title: "Patching and anti-malware",
    frequency: "monthly",
    nature: "it_dependent_manual",
    key: false,
    description:
      "Servers are rebuilt from patched base images at least monthly, and staff laptops are enrolled in device management that enforces operating-system updates and anti-malware. The IT manager reviews the device compliance report each month and follows up non-compliant devices.",
    criteria: ["CC6.8", "CC7.1"],
    objectives: ["ITGC-09"],
  },
  {
    ref: "OPS-04",
    title: "Capacity review",
    frequency: "monthly",
    nature: "it_dependent_manual",
    key: false,
    description:
      "The infrastructure lead reviews usage and headroom for compute, storage and databases each month against agreed thresholds. Where a trend will breach a threshold, a ticket is raised to add capacity or tune the system.",
    criteria: ["A1.1"],
    objectives: ["ITGC-06"],
  },
  {
    ref: "OPS-05",
    title: "Scheduled job failure follow-up",
    frequency: "daily",
    nature: "it_dependent_manual",
    key: true,
    description:
      "The job scheduler alerts the operations team when a batch job or interface fails or runs late. Each business day an operations analyst checks the job dashboard, confirms every failure has a ticket, and records the rerun or resolution.",
    criteria: ["CC7.2", "PI1.3"],
    objectives: ["ITGC-06"],
  },

  // Backup and recovery
  {
    ref: "BCK-01",
    title: "Daily automated backups",
    frequency: "daily",
    nature: "automated",
    key: true,
    description:
      "Production databases and file stores are backed up automatically every day, encrypted, and copied to a separate region with 35 days' retention. A failed backup raises an alert that the on-call engineer resolves and records.",
    criteria: ["A1.2", "PI1.5"],
    objectives: ["ITGC-07"],
  },
  {
    ref: "BCK-02",
    title: "Annual restore test",
    frequency: "annual",
    nature: "manual",
    key: true,
    description:
      "Once a year the infrastructure lead restores a production backup into an isolated environment and checks the data is complete and usable. The result, the time taken and any problems found are documented and fixes are tracked.",
    criteria: ["A1.2", "A1.3", "CC7.5"],
    objectives: ["ITGC-07"],
  },
  {
    ref: "BCK-03",
    title: "Business continuity and disaster recovery test",
    frequency: "annual",
    nature: "manual",
    key: true,
    description:
      "The COO owns a business continuity and disaster recovery plan with recovery time and point objectives for the service. The plan is exercised every year, for example by failing over to another region or running a tabletop scenario, and lessons learned update the plan.",
    criteria: ["A1.3", "CC7.5", "CC9.1"],
    objectives: ["ITGC-07"],
  },

  // Incidents
  {
    ref: "IR-01",
    title: "Incident response plan",
    frequency: "annual",
    nature: "manual",
    key: true,
    description:
      "The CISO maintains an incident response plan defining severity levels, roles, escalation paths and customer and regulator communication. The plan is reviewed and walked through with the response team every year.",
    criteria: ["CC7.4", "CC7.5"],
    objectives: ["ITGC-11"],
  },
  {
    ref: "IR-02",
    title: "Incident logging, notification and review",
    frequency: "event_driven",
    nature: "it_dependent_manual",
    key: true,
    description:
      "Every security or availability incident is logged in the incident tracker with its severity, timeline and actions, and tracked to closure by the incident lead. Affected customers are told within the contractual timeframe, and the privacy officer decides on notifying regulators and data subjects when personal data is involved. High-severity incidents get a written root-cause review before closure.",
    criteria: ["CC2.3", "CC7.3", "CC7.4", "CC7.5", "P6.3", "P6.6"],
    objectives: ["ITGC-11"],
  },

  // Vendors
  {
    ref: "VEN-01",
    title: "Subservice organisation report review",
    frequency: "annual",
    nature: "manual",
    key: true,
    description:
      "Each year the compliance lead obtains the SOC reports of the hosting provider and other subservice organisations, reviews the opinion, exceptions and complementary controls expected of us, and records the conclusion. Gaps in the report period are covered by a bridge letter.",
    criteria: ["CC4.1", "CC9.2"],
    objectives: ["ITGC-08", "ITGC-12"],
  },
  {
    ref: "VEN-02",
    title: "Vendor due diligence and contract terms",
    frequency: "event_driven",
    nature: "manual",
    key: false,
    description:
      "Before a vendor gets access to systems or data, the compliance lead rates its risk and reviews its security assurance. The contract must include confidentiality, data protection and breach-notification clauses, and critical vendors are reassessed each year.",
    criteria: ["CC2.3", "CC9.2", "C1.1", "P6.4", "P6.5"],
    objectives: ["ITGC-12"],
  },

  // Network and encryption
  {
    ref: "NET-01",
    title: "Firewall rule review",
    frequency: "semi_annual",
    nature: "manual",
    key: true,
    description:
      "Network security groups and firewalls allow only approved ports and sources, and rule changes go through CHG-01. Twice a year the infrastructure lead reviews the full rule set, confirms each rule still has a business reason, and removes the rest.",
    criteria: ["CC6.1", "CC6.6"],
    objectives: ["ITGC-09"],
  },
  {
    ref: "NET-02",
    title: "Encryption in transit",
    frequency: "continuous",
    nature: "automated",
    key: true,
    description:
      "Public endpoints accept only TLS 1.2 or later, and client file exchange uses SFTP with key-based authentication. The load balancer and server configuration enforce this and redirect or refuse plain-text connections.",
    criteria: ["CC6.7"],
    objectives: ["ITGC-10"],
  },
  {
    ref: "NET-03",
    title: "Encryption at rest",
    frequency: "continuous",
    nature: "automated",
    key: false,
    description:
      "Databases, file storage, backups and laptop disks are encrypted at rest using keys held in the cloud key management service. Access to manage keys is limited to the infrastructure lead and the CISO.",
    criteria: ["CC6.1", "C1.1"],
    objectives: [],
  },

  // Physical
  {
    ref: "PHY-01",
    title: "Office and equipment room access",
    frequency: "quarterly",
    nature: "manual",
    key: false,
    description:
      "Office badges are issued only on the office manager's approval, visitors sign in and are escorted, and the equipment room is restricted to IT staff. The office manager reviews the badge list quarterly. Data-centre physical and environmental security is carved out to the hosting provider and monitored through VEN-01.",
    criteria: ["CC6.4"],
    objectives: ["ITGC-08"],
  },

  // Data and business processing
  {
    ref: "DATA-01",
    title: "Data classification",
    frequency: "annual",
    nature: "manual",
    key: false,
    description:
      "The CISO maintains a data classification scheme and an inventory of where confidential and personal data is stored. System owners confirm the inventory every year and label new data stores when they are created.",
    criteria: ["CC2.1", "C1.1"],
    objectives: [],
  },
  {
    ref: "DATA-02",
    title: "Data retention and secure disposal",
    frequency: "quarterly",
    nature: "manual",
    key: false,
    description:
      "Customer and personal data is deleted when its retention period ends or the contract ends, following the retention schedule. Each quarter the compliance lead checks that scheduled deletions ran, and retired devices and media are wiped or destroyed with a disposal certificate kept on file.",
    criteria: ["CC6.5", "C1.2", "P4.2", "P4.3"],
    objectives: [],
  },
  {
    ref: "DATA-03",
    title: "Client onboarding sign-off",
    frequency: "event_driven",
    nature: "manual",
    key: true,
    description:
      "A client account is activated only once a signed agreement is on file. A client services specialist sets up the processing parameters and client users from the agreed set-up form, and a supervisor checks the set-up against the form and signs the onboarding checklist.",
    criteria: ["CC6.2", "PI1.1", "PI1.2"],
    objectives: ["BP-01"],
  },
  {
    ref: "DATA-04",
    title: "Daily input and processing control totals",
    frequency: "daily",
    nature: "it_dependent_manual",
    key: true,
    description:
      "For each client file received and each processing run, such as a pay run, the system compares record counts and amount totals with the client's control totals and with the prior cycle. A processing analyst reviews the exception report every business day, resolves or returns rejected items, and signs off before output is released.",
    criteria: ["PI1.2", "PI1.3"],
    objectives: ["BP-03", "BP-04", "BP-06", "ITGC-10"],
  },
  {
    ref: "DATA-05",
    title: "Dual approval of payments and standing data",
    frequency: "continuous",
    nature: "automated",
    key: true,
    description:
      "The application accepts instructions only from authenticated client users with an authorised role. Payment batches and changes to standing data such as bank details or rates need a second approver who did not enter them, and the system blocks self-approval.",
    criteria: ["CC6.3", "PI1.2"],
    objectives: ["BP-02", "BP-05", "BP-10"],
  },
  {
    ref: "DATA-06",
    title: "Output review before release",
    frequency: "event_driven",
    nature: "manual",
    key: true,
    description:
      "Before a client report or statutory filing is released, a reviewer other than the preparer agrees its totals to the processing system and checks it is going to the right recipient. Delivery is through the client portal or SFTP, and release dates are tracked against the agreed deadlines.",
    criteria: ["CC6.7", "PI1.4"],
    objectives: ["BP-07", "BP-12"],
  },
  {
    ref: "DATA-07",
    title: "Monthly client balance and billing reconciliation",
    frequency: "monthly",
    nature: "manual",
    key: true,
    description:
      "Each month a finance analyst reconciles client cash balances and receipts to bank statements and the month's billing to usage records. Reconciling items are explained and aged, and the finance manager reviews and signs off each reconciliation.",
    criteria: ["PI1.3", "PI1.5"],
    objectives: ["BP-08", "BP-09", "BP-11"],
  },

  // Privacy
  {
    ref: "PRIV-01",
    title: "Privacy notice",
    frequency: "annual",
    nature: "manual",
    key: false,
    description:
      "The privacy officer publishes a privacy notice describing what personal data is collected, why, how long it is kept and who it is shared with. The notice is reviewed every year and whenever processing changes, and material changes are communicated to affected users.",
    criteria: ["CC2.3", "P1.1", "P3.1", "P4.1"],
    objectives: [],
  },
  {
    ref: "PRIV-02",
    title: "Consent capture",
    frequency: "continuous",
    nature: "automated",
    key: false,
    description:
      "Where processing relies on consent, the product asks for it before collecting the data, explains the purpose, and records the consent with a timestamp. Withdrawn consent stops the related processing automatically.",
    criteria: ["P2.1", "P3.1", "P3.2"],
    objectives: [],
  },
  {
    ref: "PRIV-03",
    title: "Data subject request handling",
    frequency: "event_driven",
    nature: "manual",
    key: false,
    description:
      "Requests and complaints from data subjects are logged by the privacy officer, who verifies the requester's identity and responds within one month. Access, correction and deletion requests are carried out and confirmed to the requester, and any refusal is explained.",
    criteria: ["P5.1", "P5.2", "P6.7", "P8.1"],
    objectives: [],
  },
];
