using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Tandem.Web.Features.Account;
using Tandem.Web.Features.Approvals;
using Tandem.Web.Features.Audit;
using Tandem.Web.Features.Budgets;
using Tandem.Web.Features.Catalog;
using Tandem.Web.Features.Comments;
using Tandem.Web.Features.Organization;
using Tandem.Web.Features.PurchaseOrders;
using Tandem.Web.Features.Receiving;
using Tandem.Web.Features.Requisitions;
using Tandem.Web.Features.Users;
using Tandem.Web.Features.Vendors;
using Tandem.Web.Features.Webhooks;
using Tandem.Web.Platform.Api;
using Tandem.Web.Platform.Audit;
using Tandem.Web.Platform.Auth;
using Tandem.Web.Platform.Data;
using Tandem.Web.Platform.Email;
using Tandem.Web.Platform.Jobs;

namespace Tandem.Web.Platform.Hosting;

/// <summary>Composes the one deployable: services, middleware, and the explicit list of feature areas.</summary>
public static class TandemApp
{
    public static WebApplication Build(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        var services = builder.Services;
        // Resolved from the final configuration (tests and CLI switches override it after CreateBuilder).
        services.AddSingleton(sp => DatabaseSettings.From(sp.GetRequiredService<IConfiguration>()));
        // First hosted service: migrations must run before data protection reads its key ring from the database.
        services.AddHostedService<StartupTasks>();
        services.AddSingleton<IScheduledJob, DocumentExpiryJob>();
        services.AddSingleton<IScheduledJob, EmailDeliveryJob>();
        services.AddSingleton<IScheduledJob, IdempotencyCleanupJob>();
        services.AddSingleton<IScheduledJob, ApprovalEscalationJob>();
        services.AddSingleton<IScheduledJob, WebhookDeliveryJob>();
        services.AddSingleton<IScheduledJob, AutoOrderJob>();
        services.AddSingleton<IScheduledJob, Features.Payments.PaymentRunResumeJob>();
        services.AddSingleton<IScheduledJob, Features.Billing.ConsolidatedBillJob>();
        services.AddSingleton<IScheduledJob, Features.Analytics.SpendBackfillJob>();
        services.AddSingleton<IScheduledJob, Features.Analytics.ReviewPackJob>();
        services.AddSingleton<IScheduledJob, Features.Analytics.SpendRollupJob>();
        services.AddSingleton<IScheduledJob, Features.Invoices.Capture.InvoiceInboxJob>();
        services.AddHttpClient(WebhookDeliveryJob.Client, c => c.Timeout = TimeSpan.FromSeconds(builder.Configuration.GetValue("Webhooks:TimeoutSeconds", 10)))
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false });
        services.AddSingleton<JobRunner>();
        services.AddHostedService(sp => sp.GetRequiredService<JobRunner>());
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<Features.Invoices.Capture.UblSchemas>();
        services.AddSingleton<Features.Invoices.Capture.InvoiceInbox>();
        services.AddScoped<ActorAccessor>();
        services.AddHttpContextAccessor();
        services.AddSingleton<Microsoft.EntityFrameworkCore.Diagnostics.IInterceptor, StatementCounter>();
        services.AddScoped<VendorLinks>();
        services.AddScoped<IActorAccessor>(sp => sp.GetRequiredService<ActorAccessor>());
        // Pooled contexts (ADR 0027): each scope rents one instead of building a context and EF Core's services for it.
        services.AddPooledDbContextFactory<TandemDb>((sp, options) =>
        {
            sp.GetRequiredService<DatabaseSettings>().Configure(options);
            // Interceptors registered as services (tests count SQL statements with one); none by default.
            options.AddInterceptors(sp.GetServices<Microsoft.EntityFrameworkCore.Diagnostics.IInterceptor>());
        });
        services.AddScoped(sp => sp.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<TandemDb>>().CreateDbContext()
            .Begin(sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<IActorAccessor>()));

        services.AddTandemAuth();
        services.AddAntiforgery(o => o.HeaderName = "X-CSRF-TOKEN");
        services.AddProblemDetails();
        services.AddExceptionHandler<ExceptionProblems>();
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.Configure<JsonOptions>(o => ConfigureJson(o.SerializerOptions));
        services.AddOpenApi("v1");
        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database");
        services.AddRazorPages(o => o.RootDirectory = "/Features");

        var app = builder.Build();
        app.UseExceptionHandler();
        app.Use(StatementCounter.CountAsync);
        app.Use((context, next) =>
        {
            // Uploaded files are served as their sniffed type and nothing else.
            context.Response.Headers.XContentTypeOptions = "nosniff";
            return next(context);
        });
        app.UseStatusCodePages();
        app.UseStaticFiles();
        app.UseRouting();
        app.UseAuthentication();
        app.Use(async (http, next) =>
        {
            // Every change made in this request is audited as this caller.
            var user = CurrentUser.From(http.User);
            http.RequestServices.GetRequiredService<ActorAccessor>().Current = user?.ToActor() ?? Actor.Anonymous;
            await next(http);
        });
        app.UseAuthorization();
        app.UseAntiforgery();
        app.UseMiddleware<IdempotencyMiddleware>();

        app.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous();
        app.MapHealthChecks("/health").AllowAnonymous();
        app.MapRazorPages();

        var api = app.MapGroup("/api/v1").DisableAntiforgery();
        // Feature areas, listed explicitly: a new capability adds one line here and a folder under Features/.
        OrganizationFeature.Map(api);
        UsersFeature.Map(api);
        AccountFeature.Map(api);
        AuditFeature.Map(api);
        VendorsFeature.Map(api);
        CatalogFeature.Map(api);
        RequisitionsFeature.Map(api);
        ApprovalsFeature.Map(api);
        BudgetsFeature.Map(api);
        Features.Analytics.AnalyticsFeature.Map(api);
        PurchaseOrdersFeature.Map(api);
        Features.BlanketOrders.BlanketOrdersFeature.Map(api);
        Features.Invoices.CreateInvoice.Map(api);
        Features.Invoices.InvoiceQueries.Map(api);
        Features.Invoices.MatchTolerances.Map(api);
        Features.Invoices.ResolveInvoice.Map(api);
        Features.Invoices.NonPoApproval.Map(api);
        Features.Invoices.InvoiceExceptions.Map(api);
        Features.Invoices.InvoiceMatchRates.Map(api);
        Features.Invoices.Coding.GlCodingRules.Map(api);
        Features.Invoices.Coding.CodeInvoiceLine.Map(api);
        Features.Invoices.Coding.CodingReview.Map(api);
        Features.Payments.PaymentsFeature.Map(api);
        Features.Accounting.AccountingFeature.Map(api);
        Features.Billing.BillingFeature.Map(api);
        Features.Invoices.RequestCreditNote.Map(api);
        Features.Invoices.AdjustInvoice.Map(api);
        Features.Invoices.ClearPossibleDuplicate.Map(api);
        Features.Invoices.Capture.CaptureInvoice.Map(api);
        Features.Invoices.Capture.InvoiceDocuments.Map(api);
        Features.Invoices.Capture.InvoiceCsv.Map(api);
        ReceivingFeature.Map(api);
        CommentsFeature.Map(api);
        WebhooksFeature.Map(api);
        return app;
    }

    public static void ConfigureJson(JsonSerializerOptions json)
    {
        ArgumentNullException.ThrowIfNull(json);
        json.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        json.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
        json.RespectNullableAnnotations = true;
        json.NumberHandling = JsonNumberHandling.Strict;
        json.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false));
    }

    private sealed class DatabaseHealthCheck(TandemDb db) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
            await db.Database.CanConnectAsync(cancellationToken)
                ? HealthCheckResult.Healthy()
                : HealthCheckResult.Unhealthy("Cannot reach the database.");
    }
}
