// Generated once from the project's reference catalogue (titles and summaries are our own
// paraphrases; identifiers are public facts). Edit here; never paste AICPA criterion wording.
import type { CriterionDefinition, StarterObjective, SamplingBand } from "./catalog";

export const SOC2_CRITERIA_2017_REV2022: readonly CriterionDefinition[] = [
  {
    code: "CC1.1",
    category: "security",
    group: "CC1 Control Environment",
    title: "Integrity and ethical values",
    summary:
      "Leadership sets, communicates and enforces standards of conduct so that integrity and ethics shape how the organisation and its contractors operate.",
  },
  {
    code: "CC1.2",
    category: "security",
    group: "CC1 Control Environment",
    title: "Board independence and oversight",
    summary:
      "A governing body that is independent of management oversees how internal control is designed and how it performs.",
  },
  {
    code: "CC1.3",
    category: "security",
    group: "CC1 Control Environment",
    title: "Structure, reporting lines and authority",
    summary:
      "Management, under board oversight, sets up the organisational structure, reporting lines and the authorities and responsibilities needed to pursue objectives.",
  },
  {
    code: "CC1.4",
    category: "security",
    group: "CC1 Control Environment",
    title: "Competent personnel",
    summary:
      "The organisation recruits, develops and retains people with the skills its objectives require.",
  },
  {
    code: "CC1.5",
    category: "security",
    group: "CC1 Control Environment",
    title: "Accountability for control duties",
    summary:
      "People are held answerable for performing the internal-control responsibilities assigned to them.",
  },
  {
    code: "CC2.1",
    category: "security",
    group: "CC2 Communication and Information",
    title: "Relevant, quality information",
    summary:
      "The organisation gathers or produces reliable, relevant information and uses it to keep internal control working.",
  },
  {
    code: "CC2.2",
    category: "security",
    group: "CC2 Communication and Information",
    title: "Internal communication",
    summary:
      "Objectives, control responsibilities and other information needed for internal control are communicated inside the organisation.",
  },
  {
    code: "CC2.3",
    category: "security",
    group: "CC2 Communication and Information",
    title: "External communication",
    summary:
      "The organisation exchanges information that affects internal control with outside parties such as customers, vendors and regulators.",
  },
  {
    code: "CC3.1",
    category: "security",
    group: "CC3 Risk Assessment",
    title: "Clearly specified objectives",
    summary:
      "Objectives are stated precisely enough that the risks threatening them can be identified and assessed.",
  },
  {
    code: "CC3.2",
    category: "security",
    group: "CC3 Risk Assessment",
    title: "Risk identification and analysis",
    summary:
      "Risks to the organisation's objectives are identified across the entity and analysed to decide how each should be handled.",
  },
  {
    code: "CC3.3",
    category: "security",
    group: "CC3 Risk Assessment",
    title: "Fraud risk consideration",
    summary: "The possibility of fraud is explicitly considered when risks are assessed.",
  },
  {
    code: "CC3.4",
    category: "security",
    group: "CC3 Risk Assessment",
    title: "Assessment of significant change",
    summary:
      "Internal and external changes that could materially affect the internal control system are identified and evaluated.",
  },
  {
    code: "CC4.1",
    category: "security",
    group: "CC4 Monitoring Activities",
    title: "Ongoing and separate evaluations",
    summary:
      "Continuous and/or periodic evaluations are carried out to confirm that each internal control component is present and working.",
  },
  {
    code: "CC4.2",
    category: "security",
    group: "CC4 Monitoring Activities",
    title: "Reporting control deficiencies",
    summary:
      "Control weaknesses are evaluated and reported promptly to whoever must correct them, including senior management and the board when warranted.",
  },
  {
    code: "CC5.1",
    category: "security",
    group: "CC5 Control Activities",
    title: "Selection of control activities",
    summary:
      "Control activities are chosen and built to bring risks to the achievement of objectives down to an acceptable level.",
  },
  {
    code: "CC5.2",
    category: "security",
    group: "CC5 Control Activities",
    title: "General controls over technology",
    summary: "General IT controls are chosen and built to support the achievement of objectives.",
  },
  {
    code: "CC5.3",
    category: "security",
    group: "CC5 Control Activities",
    title: "Policies and procedures",
    summary:
      "Controls are put into effect through policies that state expectations and procedures that carry those policies out.",
  },
  {
    code: "CC6.1",
    category: "security",
    group: "CC6 Logical and Physical Access Controls",
    title: "Logical access security architecture",
    summary:
      "Access-control software, infrastructure and architecture are in place to protect information assets from security events.",
  },
  {
    code: "CC6.2",
    category: "security",
    group: "CC6 Logical and Physical Access Controls",
    title: "User registration and credential removal",
    summary:
      "New internal and external users are registered and approved before credentials are issued, and credentials are withdrawn once access is no longer authorised.",
  },
  {
    code: "CC6.3",
    category: "security",
    group: "CC6 Logical and Physical Access Controls",
    title: "Role-based access, least privilege and SoD",
    summary:
      "Access to data, software and functions is granted, changed or revoked according to roles and responsibilities, applying least privilege and segregation of duties.",
  },
  {
    code: "CC6.4",
    category: "security",
    group: "CC6 Logical and Physical Access Controls",
    title: "Physical access restriction",
    summary:
      "Physical entry to facilities and sensitive locations such as data centres and backup-media stores is limited to authorised personnel.",
  },
  {
    code: "CC6.5",
    category: "security",
    group: "CC6 Logical and Physical Access Controls",
    title: "Secure decommissioning of physical assets",
    summary:
      "Protection over hardware and media is only dropped once the data and software on them can no longer be read or recovered.",
  },
  {
    code: "CC6.6",
    category: "security",
    group: "CC6 Logical and Physical Access Controls",
    title: "Protection against external threats",
    summary:
      "Logical security measures defend the system against threats that originate outside its boundaries.",
  },
  {
    code: "CC6.7",
    category: "security",
    group: "CC6 Logical and Physical Access Controls",
    title: "Protection of data in transit and removal",
    summary:
      "Movement, transmission and removal of information are limited to authorised users and processes, and the information is protected while it moves.",
  },
  {
    code: "CC6.8",
    category: "security",
    group: "CC6 Logical and Physical Access Controls",
    title: "Malicious and unauthorised software",
    summary:
      "Controls prevent or detect, and respond to, the introduction of unauthorised or malicious software.",
  },
  {
    code: "CC7.1",
    category: "security",
    group: "CC7 System Operations",
    title: "Configuration and vulnerability detection",
    summary:
      "Detection and monitoring procedures reveal configuration changes that create vulnerabilities as well as exposure to newly discovered vulnerabilities.",
  },
  {
    code: "CC7.2",
    category: "security",
    group: "CC7 System Operations",
    title: "Anomaly monitoring",
    summary:
      "System components are watched for anomalies that may indicate malicious acts, natural disasters or errors, and anomalies are analysed to see whether they are security events.",
  },
  {
    code: "CC7.3",
    category: "security",
    group: "CC7 System Operations",
    title: "Security event evaluation",
    summary:
      "Security events are assessed to decide whether they have caused or could cause a failure to meet objectives (an incident), and action is taken if so.",
  },
  {
    code: "CC7.4",
    category: "security",
    group: "CC7 System Operations",
    title: "Incident response",
    summary:
      "Identified security incidents are handled through a defined response programme that understands, contains, remediates and communicates them.",
  },
  {
    code: "CC7.5",
    category: "security",
    group: "CC7 System Operations",
    title: "Incident recovery",
    summary:
      "Activities to recover from identified security incidents are identified, developed and carried out.",
  },
  {
    code: "CC8.1",
    category: "security",
    group: "CC8 Change Management",
    title: "Controlled change management",
    summary:
      "Changes to infrastructure, data, software and procedures are authorised, designed or acquired, configured, documented, tested, approved and implemented under control.",
  },
  {
    code: "CC9.1",
    category: "security",
    group: "CC9 Risk Mitigation",
    title: "Business disruption risk mitigation",
    summary:
      "Mitigation activities are identified, selected and developed for risks arising from possible business disruptions.",
  },
  {
    code: "CC9.2",
    category: "security",
    group: "CC9 Risk Mitigation",
    title: "Vendor and business partner risk",
    summary: "Risks arising from vendors and business partners are assessed and managed.",
  },
  {
    code: "A1.1",
    category: "availability",
    group: "A1 Additional Criteria for Availability",
    title: "Capacity management",
    summary:
      "Current processing capacity and the use of system components are maintained, monitored and evaluated so demand can be met and extra capacity added when required.",
  },
  {
    code: "A1.2",
    category: "availability",
    group: "A1 Additional Criteria for Availability",
    title: "Environmental protection, backup and recovery infrastructure",
    summary:
      "Environmental safeguards, software, data backup processes and recovery infrastructure are authorised, designed, implemented, operated, maintained and monitored.",
  },
  {
    code: "A1.3",
    category: "availability",
    group: "A1 Additional Criteria for Availability",
    title: "Recovery plan testing",
    summary: "The procedures in the recovery plan that support restoring the system are tested.",
  },
  {
    code: "C1.1",
    category: "confidentiality",
    group: "C1 Additional Criteria for Confidentiality",
    title: "Identification and protection of confidential information",
    summary:
      "Information designated as confidential is identified and kept protected in line with confidentiality objectives.",
  },
  {
    code: "C1.2",
    category: "confidentiality",
    group: "C1 Additional Criteria for Confidentiality",
    title: "Disposal of confidential information",
    summary:
      "Confidential information is disposed of in a way that meets confidentiality objectives.",
  },
  {
    code: "PI1.1",
    category: "processing_integrity",
    group: "PI1 Additional Criteria for Processing Integrity",
    title: "Processing specifications and quality information",
    summary:
      "Relevant, good-quality information about processing objectives, including data definitions and product or service specifications, is obtained or produced, used and communicated.",
  },
  {
    code: "PI1.2",
    category: "processing_integrity",
    group: "PI1 Additional Criteria for Processing Integrity",
    title: "Input controls",
    summary:
      "Policies and procedures over system inputs, including completeness and accuracy checks, support products, services and reporting that meet objectives.",
  },
  {
    code: "PI1.3",
    category: "processing_integrity",
    group: "PI1 Additional Criteria for Processing Integrity",
    title: "Processing controls",
    summary:
      "Policies and procedures over system processing make sure products, services and reporting meet objectives.",
  },
  {
    code: "PI1.4",
    category: "processing_integrity",
    group: "PI1 Additional Criteria for Processing Integrity",
    title: "Output controls",
    summary:
      "Output is made available or delivered completely, accurately and on time in line with specifications.",
  },
  {
    code: "PI1.5",
    category: "processing_integrity",
    group: "PI1 Additional Criteria for Processing Integrity",
    title: "Storage of inputs, work in progress and outputs",
    summary:
      "Inputs, items in process and outputs are stored completely, accurately and on time in line with system specifications.",
  },
  {
    code: "P1.1",
    category: "privacy",
    group: "P1 Notice and Communication of Objectives",
    title: "Privacy notice",
    summary:
      "Data subjects receive notice of the organisation's privacy practices, and the notice is revised and re-communicated promptly when practices or uses of personal information change.",
  },
  {
    code: "P2.1",
    category: "privacy",
    group: "P2 Choice and Consent",
    title: "Choice and consent",
    summary:
      "Data subjects are told what options they have over how their personal information is gathered, used, kept, shared and destroyed and what each option implies; explicit consent is obtained where required and only for the stated purpose, and the basis for relying on implied consent is documented.",
  },
  {
    code: "P3.1",
    category: "privacy",
    group: "P3 Collection",
    title: "Collection limited to objectives",
    summary: "Personal information is collected only in ways consistent with privacy objectives.",
  },
  {
    code: "P3.2",
    category: "privacy",
    group: "P3 Collection",
    title: "Explicit consent before collection",
    summary:
      "Where explicit consent is required, the organisation explains why it is needed and what happens if it is refused, and obtains it before collecting the information.",
  },
  {
    code: "P4.1",
    category: "privacy",
    group: "P4 Use, Retention and Disposal",
    title: "Use limitation",
    summary:
      "Personal information is used only for the purposes identified in the privacy objectives.",
  },
  {
    code: "P4.2",
    category: "privacy",
    group: "P4 Use, Retention and Disposal",
    title: "Retention",
    summary:
      "Personal information is retained only as long as and in the way the privacy objectives allow.",
  },
  {
    code: "P4.3",
    category: "privacy",
    group: "P4 Use, Retention and Disposal",
    title: "Secure disposal",
    summary: "Personal information is disposed of securely in line with privacy objectives.",
  },
  {
    code: "P5.1",
    category: "privacy",
    group: "P5 Access",
    title: "Data subject access",
    summary:
      "Identified and authenticated data subjects can review their stored personal information and obtain copies, and are told the reason if access is refused.",
  },
  {
    code: "P5.2",
    category: "privacy",
    group: "P5 Access",
    title: "Correction and amendment",
    summary:
      "Personal information is corrected, amended or appended based on what data subjects provide, changes are passed to third parties as committed or required, and refusals are explained.",
  },
  {
    code: "P6.1",
    category: "privacy",
    group: "P6 Disclosure and Notification",
    title: "Disclosure only with consent",
    summary:
      "Personal information is disclosed to third parties only with the data subject's explicit consent obtained before the disclosure.",
  },
  {
    code: "P6.2",
    category: "privacy",
    group: "P6 Disclosure and Notification",
    title: "Record of authorised disclosures",
    summary:
      "The organisation keeps a full, accurate and up-to-date log of the personal-information disclosures it has authorised.",
  },
  {
    code: "P6.3",
    category: "privacy",
    group: "P6 Disclosure and Notification",
    title: "Record of unauthorised disclosures and breaches",
    summary:
      "The organisation keeps a full, accurate and up-to-date log of unauthorised disclosures of personal information, including breaches, that it detects or that are reported to it.",
  },
  {
    code: "P6.4",
    category: "privacy",
    group: "P6 Disclosure and Notification",
    title: "Third-party privacy commitments",
    summary:
      "Vendors and other third parties with access to personal information commit to privacy obligations, and their compliance is assessed periodically and as needed with corrective action where necessary.",
  },
  {
    code: "P6.5",
    category: "privacy",
    group: "P6 Disclosure and Notification",
    title: "Third-party breach notification commitments",
    summary:
      "Third parties with access to personal information commit to notifying the organisation of actual or suspected unauthorised disclosures, and those notices are escalated and handled under incident-response procedures.",
  },
  {
    code: "P6.6",
    category: "privacy",
    group: "P6 Disclosure and Notification",
    title: "Breach and incident notification",
    summary:
      "Affected data subjects, regulators and other parties are notified of breaches and incidents as privacy objectives require.",
  },
  {
    code: "P6.7",
    category: "privacy",
    group: "P6 Disclosure and Notification",
    title: "Accounting of information held and disclosed",
    summary:
      "On request, data subjects receive an account of the personal information held about them and of how it has been disclosed.",
  },
  {
    code: "P7.1",
    category: "privacy",
    group: "P7 Quality",
    title: "Data quality",
    summary:
      "Personal information that is collected and kept is accurate, current, complete and relevant.",
  },
  {
    code: "P8.1",
    category: "privacy",
    group: "P8 Monitoring and Enforcement",
    title: "Inquiries, complaints, disputes and compliance monitoring",
    summary:
      "A process takes questions, complaints and disputes raised by data subjects or other parties through to resolution and tells them the outcome; compliance is monitored periodically and identified deficiencies are corrected promptly.",
  },
];

export const SOC1_STARTER_OBJECTIVES: readonly StarterObjective[] = [
  {
    ref: "ITGC-01",
    area: "itgc",
    title: "Logical access security (authentication and system security settings)",
    objective:
      "Controls provide reasonable assurance that logical access to in-scope applications, databases, operating systems and network devices is restricted through authentication and security settings to authorised users.",
  },
  {
    ref: "ITGC-02",
    area: "itgc",
    title: "User access provisioning, modification and removal",
    objective:
      "Controls provide reasonable assurance that user access is granted, changed and removed in a timely manner based on documented, authorised requests.",
  },
  {
    ref: "ITGC-03",
    area: "itgc",
    title: "Privileged access and periodic access reviews",
    objective:
      "Controls provide reasonable assurance that privileged (administrator, DBA, root, production) access is limited to appropriate personnel and that all access is periodically recertified.",
  },
  {
    ref: "ITGC-04",
    area: "itgc",
    title: "Change management (applications and infrastructure)",
    objective:
      "Controls provide reasonable assurance that changes to in-scope applications, databases and infrastructure are authorised, tested, approved and implemented in a controlled manner.",
  },
  {
    ref: "ITGC-05",
    area: "itgc",
    title: "Program development and acquisition (new systems and data conversion)",
    objective:
      "Controls provide reasonable assurance that new systems and significant system implementations, including data conversions, are authorised, tested, approved and implemented completely and accurately.",
  },
  {
    ref: "ITGC-06",
    area: "itgc",
    title: "Computer operations and job scheduling",
    objective:
      "Controls provide reasonable assurance that scheduled processing (batch jobs, interfaces) is authorised, executed completely and on time, and that processing failures are identified and resolved.",
  },
  {
    ref: "ITGC-07",
    area: "itgc",
    title: "Backup, replication and recovery",
    objective:
      "Controls provide reasonable assurance that data and programs are backed up according to a defined schedule and can be restored when needed.",
  },
  {
    ref: "ITGC-08",
    area: "itgc",
    title: "Physical and environmental security",
    objective:
      "Controls provide reasonable assurance that physical access to data centres, computer rooms and sensitive media is restricted to authorised personnel and that facilities are protected against environmental hazards.",
  },
  {
    ref: "ITGC-09",
    area: "itgc",
    title: "Network and perimeter security",
    objective:
      "Controls provide reasonable assurance that in-scope systems are protected from unauthorised access and threats originating from external networks.",
  },
  {
    ref: "ITGC-10",
    area: "itgc",
    title: "Data transmission and interfaces",
    objective:
      "Controls provide reasonable assurance that data exchanged with user entities and third parties is transmitted securely, completely and accurately.",
  },
  {
    ref: "ITGC-11",
    area: "itgc",
    title: "Incident and problem management",
    objective:
      "Controls provide reasonable assurance that IT and security incidents affecting in-scope systems are recorded, assessed, escalated, resolved and, where required, communicated to user entities.",
  },
  {
    ref: "ITGC-12",
    area: "itgc",
    title: "IT governance and subservice organisation oversight",
    objective:
      "Controls provide reasonable assurance that IT policies are maintained and that services outsourced to subservice organisations (e.g. cloud hosting) are monitored for continued control effectiveness.",
  },
  {
    ref: "BP-01",
    area: "business",
    title: "Client onboarding and account set-up",
    objective:
      "Controls provide reasonable assurance that new client accounts and their processing parameters are set up completely, accurately and only with proper authorisation.",
  },
  {
    ref: "BP-02",
    area: "business",
    title: "Transaction initiation and authorisation",
    objective:
      "Controls provide reasonable assurance that transactions are accepted for processing only from authorised sources and are properly authorised.",
  },
  {
    ref: "BP-03",
    area: "business",
    title: "Completeness and accuracy of input",
    objective:
      "Controls provide reasonable assurance that transaction data received is recorded completely and accurately.",
  },
  {
    ref: "BP-04",
    area: "business",
    title: "Completeness and accuracy of processing and calculations",
    objective:
      "Controls provide reasonable assurance that transactions are processed completely, accurately and in the correct period in line with client instructions and agreed rules.",
  },
  {
    ref: "BP-05",
    area: "business",
    title: "Master and standing data maintenance",
    objective:
      "Controls provide reasonable assurance that changes to master and standing data (e.g. rates, pay rates, bank details, prices) are authorised and recorded accurately.",
  },
  {
    ref: "BP-06",
    area: "business",
    title: "Payroll processing",
    objective:
      "Controls provide reasonable assurance that payroll (gross-to-net pay, deductions and withholdings) is calculated accurately and processed completely and on time for each pay cycle.",
  },
  {
    ref: "BP-07",
    area: "business",
    title: "Tax filings and statutory remittances",
    objective:
      "Controls provide reasonable assurance that tax and statutory filings and remittances made on behalf of clients are complete, accurate and submitted by the due dates.",
  },
  {
    ref: "BP-08",
    area: "business",
    title: "Billing and invoicing",
    objective:
      "Controls provide reasonable assurance that client billing is complete, accurate and in line with contractual terms.",
  },
  {
    ref: "BP-09",
    area: "business",
    title: "Cash receipts and application",
    objective:
      "Controls provide reasonable assurance that cash received on behalf of clients is recorded and applied to the correct accounts completely, accurately and promptly.",
  },
  {
    ref: "BP-10",
    area: "business",
    title: "Disbursements and payments",
    objective:
      "Controls provide reasonable assurance that payments made on behalf of clients are authorised, accurate, made to valid payees and executed on time.",
  },
  {
    ref: "BP-11",
    area: "business",
    title: "Reconciliation",
    objective:
      "Controls provide reasonable assurance that client balances, cash and holdings are reconciled to independent sources on a timely basis and that reconciling items are investigated and resolved.",
  },
  {
    ref: "BP-12",
    area: "business",
    title: "Output and client reporting",
    objective:
      "Controls provide reasonable assurance that reports and output provided to clients are complete, accurate, delivered on time and made available only to authorised recipients.",
  },
];

export const SAMPLING_BANDS: readonly SamplingBand[] = [
  { key: "annual", minSamples: 1, maxSamples: 1 },
  { key: "quarterly", minSamples: 2, maxSamples: 4 },
  { key: "monthly", minSamples: 2, maxSamples: 5 },
  { key: "weekly", minSamples: 5, maxSamples: 15 },
  { key: "daily", minSamples: 20, maxSamples: 40 },
  { key: "multiple_times_per_day", minSamples: 25, maxSamples: 60 },
  { key: "automated", minSamples: 1, maxSamples: 1 },
  { key: "event_driven_population_1", minSamples: 1, maxSamples: 1 },
  { key: "event_driven_population_2_4", minSamples: 2, maxSamples: 4 },
  { key: "event_driven_population_5_12", minSamples: 2, maxSamples: 5 },
  { key: "event_driven_population_13_52", minSamples: 5, maxSamples: 15 },
  { key: "event_driven_population_53_250", minSamples: 20, maxSamples: 40 },
  { key: "event_driven_population_over_250", minSamples: 25, maxSamples: 60 },
];
