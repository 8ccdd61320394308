using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Metadata.Conventions;
using Microsoft.EntityFrameworkCore.Metadata.Conventions.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Tandem.Web.Features.Account;
using Tandem.Web.Features.Approvals;
using Tandem.Web.Features.Audit;
using Tandem.Web.Features.Budgets;
using Tandem.Web.Features.Catalog;
using Tandem.Web.Features.Comments;
using Tandem.Web.Features.Notifications;
using Tandem.Web.Features.Organization;
using Tandem.Web.Features.PurchaseOrders;
using Tandem.Web.Features.Receiving;
using Tandem.Web.Features.Requisitions;
using Tandem.Web.Features.Users;
using Tandem.Web.Features.Vendors;
using Tandem.Web.Features.Webhooks;
using Tandem.Web.Platform.Api;
using Tandem.Web.Platform.Audit;
using Tandem.Web.Platform.Email;
using Tandem.Web.Platform.Jobs;

namespace Tandem.Web.Platform.Data;

/// <summary>
/// The one DbContext. Handlers use it directly (no repositories, ADR 0002). SaveChanges bumps versions of
/// updated <see cref="IVersioned"/> entities and appends an audit entry for every change to an <see cref="IAudited"/> one.
/// Instances are pooled (ADR 0027): a scope rents one and starts its unit of work with <see cref="Begin"/>.
/// </summary>
public sealed class TandemDb(DbContextOptions<TandemDb> options)
    : IdentityUserContext<User, Guid>(options), IDataProtectionKeyContext
{
    private TimeProvider _clock = TimeProvider.System;
    private IActorAccessor _actor = new ActorAccessor();

    /// <summary>
    /// Starts a unit of work on this instance, fresh or back from the pool: its clock, who its changes are audited as,
    /// and nothing remembered from an earlier one (EF Core itself resets the tracker, the connection and the tracker's
    /// event handlers when an instance goes back to the pool).
    /// </summary>
    public TandemDb Begin(TimeProvider clock, IActorAccessor actor)
    {
        _clock = clock;
        _actor = actor;
        Reads = new();
        _added = null;
        // A save inside an explicit transaction makes no savepoint (a subtransaction and a round trip each): a failed
        // save discards the whole transaction, and nothing catches one to go on in it (ADR 0032).
        Database.AutoSavepointsEnabled = false;
        return this;
    }

    public DbSet<Company> Companies => Set<Company>();

    public DbSet<Department> Departments => Set<Department>();

    public DbSet<Location> Locations => Set<Location>();

    public DbSet<CostCenter> CostCenters => Set<CostCenter>();

    public DbSet<Project> Projects => Set<Project>();

    public DbSet<GlAccount> GlAccounts => Set<GlAccount>();

    public DbSet<RoleAssignment> RoleAssignments => Set<RoleAssignment>();

    public DbSet<ApiToken> ApiTokens => Set<ApiToken>();

    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();

    public DbSet<DocumentCounter> DocumentCounters => Set<DocumentCounter>();

    public DbSet<IdempotencyRecord> IdempotencyRecords => Set<IdempotencyRecord>();

    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public DbSet<Vendor> Vendors => Set<Vendor>();

    public DbSet<VendorSignOffRecord> VendorSignOffs => Set<VendorSignOffRecord>();

    public DbSet<VendorDocumentType> VendorDocumentTypes => Set<VendorDocumentType>();

    public DbSet<VendorDocument> VendorDocuments => Set<VendorDocument>();

    public DbSet<VendorDocumentFile> VendorDocumentFiles => Set<VendorDocumentFile>();

    public DbSet<BankChangeRequest> BankChanges => Set<BankChangeRequest>();

    public DbSet<Category> Categories => Set<Category>();

    public DbSet<PreferredVendor> PreferredVendors => Set<PreferredVendor>();

    public DbSet<Item> Items => Set<Item>();

    public DbSet<Offer> Offers => Set<Offer>();

    public DbSet<CuratedCatalog> Catalogs => Set<CuratedCatalog>();

    public DbSet<CatalogItem> CatalogItems => Set<CatalogItem>();

    public DbSet<CatalogAudience> CatalogAudiences => Set<CatalogAudience>();

    public DbSet<CatalogSearchEntry> CatalogSearch => Set<CatalogSearchEntry>();

    public DbSet<ExchangeRate> ExchangeRates => Set<ExchangeRate>();

    public DbSet<Requisition> Requisitions => Set<Requisition>();

    public DbSet<RequisitionLine> RequisitionLines => Set<RequisitionLine>();

    public DbSet<RequisitionSplit> RequisitionSplits => Set<RequisitionSplit>();

    public DbSet<ApprovalPolicyVersion> ApprovalPolicyVersions => Set<ApprovalPolicyVersion>();

    public DbSet<ApprovalStep> ApprovalSteps => Set<ApprovalStep>();

    public DbSet<ApprovalAssignment> ApprovalAssignments => Set<ApprovalAssignment>();

    public DbSet<Delegation> Delegations => Set<Delegation>();

    public DbSet<Notification> Notifications => Set<Notification>();

    public DbSet<JobLease> JobLeases => Set<JobLease>();

    public DbSet<OutboxEmail> OutboxEmails => Set<OutboxEmail>();

    public DbSet<Comment> Comments => Set<Comment>();

    public DbSet<CommentMention> CommentMentions => Set<CommentMention>();

    public DbSet<CommentAttachment> CommentAttachments => Set<CommentAttachment>();

    public DbSet<CommentAttachmentFile> CommentAttachmentFiles => Set<CommentAttachmentFile>();

    public DbSet<WebhookSubscription> WebhookSubscriptions => Set<WebhookSubscription>();

    public DbSet<WebhookEvent> WebhookEvents => Set<WebhookEvent>();

    public DbSet<WebhookDelivery> WebhookDeliveries => Set<WebhookDelivery>();

    public DbSet<BudgetLine> BudgetLines => Set<BudgetLine>();

    public DbSet<BudgetConsumption> BudgetConsumptions => Set<BudgetConsumption>();

    public DbSet<Features.Analytics.SpendFact> SpendFacts => Set<Features.Analytics.SpendFact>();

    public DbSet<Features.Analytics.SpendRollup> SpendRollups => Set<Features.Analytics.SpendRollup>();

    public DbSet<Features.Analytics.SpendDirtyMonth> SpendDirtyMonths => Set<Features.Analytics.SpendDirtyMonth>();

    public DbSet<Features.Analytics.AnalyticsSettings> AnalyticsSettings => Set<Features.Analytics.AnalyticsSettings>();

    public DbSet<Features.Analytics.SavingsRecord> SavingsRecords => Set<Features.Analytics.SavingsRecord>();

    public DbSet<BudgetAdjustment> BudgetAdjustments => Set<BudgetAdjustment>();

    public DbSet<PurchaseOrder> PurchaseOrders => Set<PurchaseOrder>();

    public DbSet<PurchaseOrderLine> PurchaseOrderLines => Set<PurchaseOrderLine>();

    public DbSet<PurchaseOrderRevision> PurchaseOrderRevisions => Set<PurchaseOrderRevision>();

    public DbSet<Features.BlanketOrders.BlanketOrder> BlanketOrders => Set<Features.BlanketOrders.BlanketOrder>();

    public DbSet<Features.Invoices.Invoice> Invoices => Set<Features.Invoices.Invoice>();

    public DbSet<Features.Invoices.MatchToleranceRule> MatchTolerances => Set<Features.Invoices.MatchToleranceRule>();

    public DbSet<Features.Invoices.Capture.InvoiceDocument> InvoiceDocuments => Set<Features.Invoices.Capture.InvoiceDocument>();

    public DbSet<Features.Invoices.Capture.InvoiceDocumentFile> InvoiceDocumentFiles => Set<Features.Invoices.Capture.InvoiceDocumentFile>();

    public DbSet<Features.Invoices.Coding.GlCodingRule> GlCodingRules => Set<Features.Invoices.Coding.GlCodingRule>();

    public DbSet<Features.Invoices.Coding.GlModelCount> GlModelCounts => Set<Features.Invoices.Coding.GlModelCount>();

    public DbSet<PurchasingSettings> PurchasingSettings => Set<PurchasingSettings>();

    public DbSet<Features.Payments.BankAccount> BankAccounts => Set<Features.Payments.BankAccount>();

    public DbSet<Features.Payments.PaymentSettings> PaymentSettings => Set<Features.Payments.PaymentSettings>();

    public DbSet<Features.Payments.PaymentRun> PaymentRuns => Set<Features.Payments.PaymentRun>();

    public DbSet<Features.Payments.Payment> Payments => Set<Features.Payments.Payment>();

    public DbSet<Features.Payments.PaymentRunItem> PaymentRunItems => Set<Features.Payments.PaymentRunItem>();

    public DbSet<Features.Payments.PaymentRunFile> PaymentRunFiles => Set<Features.Payments.PaymentRunFile>();

    public DbSet<Features.Billing.BillingGroup> BillingGroups => Set<Features.Billing.BillingGroup>();

    public DbSet<Features.Billing.ConsolidatedBill> ConsolidatedBills => Set<Features.Billing.ConsolidatedBill>();

    public DbSet<Features.Billing.ConsolidatedBillItem> ConsolidatedBillItems => Set<Features.Billing.ConsolidatedBillItem>();

    public DbSet<Features.Accounting.JournalEntry> JournalEntries => Set<Features.Accounting.JournalEntry>();

    public DbSet<Features.Accounting.JournalLine> JournalLines => Set<Features.Accounting.JournalLine>();

    public DbSet<Features.Accounting.JournalExport> JournalExports => Set<Features.Accounting.JournalExport>();

    public DbSet<Features.Accounting.AccountingPeriod> AccountingPeriods => Set<Features.Accounting.AccountingPeriod>();

    public DbSet<Features.Accounting.AccountingSettings> AccountingSettings => Set<Features.Accounting.AccountingSettings>();

    public DbSet<Receipt> Receipts => Set<Receipt>();

    public DbSet<ReceiptLine> ReceiptLines => Set<ReceiptLine>();

    public DbSet<VendorReturn> VendorReturns => Set<VendorReturn>();

    public DbSet<SpendingLimitRule> SpendingLimits => Set<SpendingLimitRule>();

    public TimeProvider Clock => _clock;

    /// <summary>Settings-like values this unit of work has read (company settings, exchange rates, payment settings); forgotten with it, or when their source is saved here.</summary>
    internal UnitOfWorkReads Reads { get; private set; } = new();

    /// <summary>Who the changes made through this context are audited as.</summary>
    public Actor Actor => _actor.Current;

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.Entity<User>(u =>
        {
            u.ToTable("users");
            u.Property(x => x.DisplayName).HasMaxLength(200);
            u.Property(x => x.ApprovalLimitCurrency).HasMaxLength(3);
            u.HasOne<Company>().WithMany().HasForeignKey(x => x.CompanyId).OnDelete(DeleteBehavior.Restrict);
            u.HasOne<User>().WithMany().HasForeignKey(x => x.ManagerId).OnDelete(DeleteBehavior.Restrict);
            u.HasMany(x => x.Roles).WithOne().HasForeignKey(r => r.UserId).OnDelete(DeleteBehavior.Cascade);
            u.Property(x => x.Version).IsConcurrencyToken();
            u.HasIndex(x => x.NormalizedEmail).HasDatabaseName("ix_users_normalized_email");
            u.HasIndex(x => x.NormalizedUserName).HasDatabaseName("ix_users_normalized_user_name").IsUnique();
        });
        builder.Entity<IdentityUserClaim<Guid>>().ToTable("user_claims");
        builder.Entity<IdentityUserLogin<Guid>>().ToTable("user_logins");
        builder.Entity<IdentityUserToken<Guid>>().ToTable("user_tokens");
        builder.Entity<DataProtectionKey>().ToTable("data_protection_keys");
        builder.ApplyConfigurationsFromAssembly(typeof(TandemDb).Assembly);

        // Every Guid key is made by the application (time-ordered, ADR 0008), so a child added to a tracked
        // parent's collection is an insert, never mistaken for an existing row.
        foreach (var key in builder.Model.GetEntityTypes().Select(e => e.FindPrimaryKey()).OfType<IMutableKey>())
        {
            if (key.Properties is [{ ClrType: var type } property] && type == typeof(Guid))
            {
                property.ValueGenerated = ValueGenerated.Never;
            }
        }
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Instants are UTC everywhere; SQLite forgets the Kind, so restore it on read.
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        configurationBuilder.Conventions.Replace<ForeignKeyIndexConvention>(services => new ForeignKeyIndexes(services.GetRequiredService<ProviderConventionSetBuilderDependencies>()));
    }

    /// <summary>Synchronous saves exist for framework code (data-protection key storage); handlers use SaveChangesAsync.</summary>
    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        using var detected = DetectChangesOnce();
        AuditEntries.AddRange(BeforeSave());
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        using var detected = DetectChangesOnce();
        var audit = BeforeSave();
        if (audit.Count < LargeSaves.Threshold)
        {
            AuditEntries.AddRange(audit);
            audit = [];
        }

        if (LargeSaves.Take(ChangeTracker, audit) is not { } large)
        {
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        }

        await using var own = Database.CurrentTransaction is null ? await Database.BeginTransactionAsync(cancellationToken) : null;
        await large.DeleteAsync(this, cancellationToken);
        int saved;
        try
        {
            saved = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        }
        catch (DbUpdateException)
        {
            large.PutBack(); // the caller may retry the same tracked changes, in a new transaction (ADR 0032)
            throw;
        }

        saved += await large.WriteAsync(this, cancellationToken);
        if (own is not null)
        {
            await own.CommitAsync(cancellationToken);
        }

        return saved;
    }

    /// <summary>
    /// Versions and webhook events, after <see cref="DetectChangesOnce"/>: written through <c>Add</c> and property
    /// entries, which EF sees without a scan. Returns the save's audit entries, not yet added: a few join EF's batch, many
    /// are written set-based without ever being tracked (a 1,000-line invoice has 2,000).
    /// </summary>
    private List<AuditEntry> BeforeSave()
    {
        foreach (var entry in ChangeTracker.Entries<IVersioned>())
        {
            if (entry.State == EntityState.Modified)
            {
                entry.Property(e => e.Version).CurrentValue = entry.Entity.Version + 1;
            }
        }

        Reads.ForgetChanged(ChangeTracker);

        WebhookPublisher.Capture(this);
        return AuditWriter.Entries(this, _actor.Current, _clock.GetUtcNow().UtcDateTime);
    }

    /// <summary>
    /// The rows of a type added in this unit of work and not saved yet — what a query cannot see. Code that replaces a
    /// document's derived rows (ledger rows, spend facts) or adds to counts may run twice before one save (two invoices of
    /// one order made ready together) and must replace or add to these too. Read without detecting changes; pass
    /// <paramref name="where"/> (one document's rows) rather than filtering the result, so only those are checked.
    /// </summary>
    public List<T> Unsaved<T>(Func<T, bool>? where = null)
        where T : class
    {
        using var pause = new AutoDetectPause(ChangeTracker);
        _added ??= new AddedRows(ChangeTracker);
        return _added.Of(where ?? (_ => true), entity => Entry(entity).State == EntityState.Added);
    }

    private AddedRows? _added;

    /// <summary>
    /// Detects changes, then turns automatic detection off until the save is done: every <c>ChangeTracker.Entries()</c>
    /// call before a save (versions, webhooks, audit) and the save itself would otherwise scan all tracked entities again.
    /// </summary>
    private AutoDetectPause DetectChangesOnce()
    {
        ChangeTracker.DetectChanges();
        return new(ChangeTracker);
    }

    private readonly struct AutoDetectPause : IDisposable
    {
        private readonly ChangeTracker _tracker;
        private readonly bool _was;

        public AutoDetectPause(ChangeTracker tracker)
        {
            _tracker = tracker;
            _was = tracker.AutoDetectChangesEnabled;
            tracker.AutoDetectChangesEnabled = false;
        }

        public void Dispose() => _tracker.AutoDetectChangesEnabled = _was;
    }

    internal sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
        v => v.Kind == DateTimeKind.Utc ? v : DateTime.SpecifyKind(v.ToUniversalTime(), DateTimeKind.Utc),
        v => DateTime.SpecifyKind(v, DateTimeKind.Utc));
}
