<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="zh_CN">
<context>
    <name>AnnualReportAction</name>
    <message>
        <location filename="../../fazhi_desktop/ui/annual_report.py" line="42"/>
        <source>生成年度报告（草稿）</source>
        <translation>Draft the annual report</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/annual_report.py" line="42"/>
        <source>Word 文档 (*.docx)</source>
        <translation>Word document (*.docx)</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/annual_report.py" line="51"/>
        <source>正在起草年度报告</source>
        <translation>Drafting the annual report</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/annual_report.py" line="65"/>
        <location filename="../../fazhi_desktop/ui/annual_report.py" line="90"/>
        <source>年度报告（草稿）</source>
        <translation>Annual report (draft)</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/annual_report.py" line="67"/>
        <source>已起草{0}：
{1}</source>
        <translation>Drafted {0}:
{1}</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/annual_report.py" line="70"/>
        <source>文中有 {0} 处【……】提示需要补充或删除，请在 WPS 或 Word 中修改完善后使用。</source>
        <translation>The text has {0} 【……】 hints to fill in or delete; finish it in WPS or Word before use.</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/annual_report.py" line="74"/>
        <source>打开文档</source>
        <translation>Open document</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/annual_report.py" line="75"/>
        <source>打开所在文件夹</source>
        <translation>Open folder</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/annual_report.py" line="76"/>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/annual_report.py" line="85"/>
        <source>无法写入年度报告：{0}</source>
        <translation>Could not write the annual report: {0}</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/annual_report.py" line="89"/>
        <source>起草年度报告时出错，详情已写入日志。</source>
        <translation>Drafting the annual report failed; the details are in the log.</translation>
    </message>
</context>
<context>
    <name>App</name>
    <message>
        <location filename="../../fazhi_desktop/ui/app.py" line="52"/>
        <source>法治政府建设自查</source>
        <translation>Rule-of-Law Government Self-Check</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/app.py" line="85"/>
        <source>本程序已经在运行（数据目录 {dir}）。请切换到已经打开的窗口；如果看不到它，请稍等片刻或重新启动电脑。</source>
        <translation>The program is already running (data folder {dir}). Switch to the open window; if you cannot see it, wait a moment or restart the computer.</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/app.py" line="91"/>
        <source>本程序已经在运行</source>
        <translation>The program is already running</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/app.py" line="107"/>
        <source>打开数据</source>
        <translation>Opening the data</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/app.py" line="120"/>
        <source>签名密钥没有文件权限保护</source>
        <translation>The signing key file is not protected by file permissions</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/app.py" line="134"/>
        <location filename="../../fazhi_desktop/ui/app.py" line="174"/>
        <source>从备份恢复</source>
        <translation>Restore from backup</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/app.py" line="167"/>
        <source>数据库无法打开。如果它已损坏，可以恢复一份自动备份。</source>
        <translation>The database cannot be opened. If it is damaged, you can restore an automatic backup.</translation>
    </message>
</context>
<context>
    <name>AssessmentForm</name>
    <message>
        <location filename="../../fazhi_desktop/ui/assessment_form.py" line="104"/>
        <source>选择“不适用”时必须说明理由</source>
        <translation>Required when “not applicable” is chosen</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/assessment_form.py" line="105"/>
        <location filename="../../fazhi_desktop/ui/assessment_form.py" line="250"/>
        <source>本单位做了哪些工作、取得了什么成效（可分条填写）</source>
        <translation>What the unit did and what it achieved (points are fine)</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/assessment_form.py" line="106"/>
        <source>还存在哪些问题和不足；没有可填“无”</source>
        <translation>Remaining problems and shortcomings; write “none” if there are none</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/assessment_form.py" line="107"/>
        <source>针对存在问题的整改措施</source>
        <translation>Measures to fix the problems</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/assessment_form.py" line="111"/>
        <source>整改时限</source>
        <translation>Rectification deadline</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/assessment_form.py" line="113"/>
        <source>负责本项整改的人员姓名</source>
        <translation>Name of the person responsible for the rectification</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/assessment_form.py" line="120"/>
        <source>未评分</source>
        <translation>Not scored</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/assessment_form.py" line="122"/>
        <source>自评分低于分值时，说明扣分的原因</source>
        <translation>Why points were deducted (required when the score is below the maximum)</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/assessment_form.py" line="131"/>
        <source>自评结果(&amp;R)：</source>
        <translation>&amp;Result:</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/assessment_form.py" line="137"/>
        <source>工作状态(&amp;S)：</source>
        <translation>Work &amp;status:</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/assessment_form.py" line="138"/>
        <source>不适用理由：</source>
        <translation>Why not applicable:</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/assessment_form.py" line="139"/>
        <location filename="../../fazhi_desktop/ui/assessment_form.py" line="250"/>
        <source>工作开展情况(&amp;W)：</source>
        <translation>&amp;Work done:</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/assessment_form.py" line="141"/>
        <source>存在问题(&amp;P)：</source>
        <translation>&amp;Problems:</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/assessment_form.py" line="143"/>
        <source>整改措施(&amp;M)：</source>
        <translation>&amp;Measures:</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/assessment_form.py" line="145"/>
        <source>整改时限(&amp;D)：</source>
        <translation>&amp;Deadline:</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/assessment_form.py" line="146"/>
        <source>责任人(&amp;U)：</source>
        <translation>Responsible &amp;person:</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/assessment_form.py" line="152"/>
        <source>自评分(&amp;G)：</source>
        <translation>Self-score (&amp;G):</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/assessment_form.py" line="153"/>
        <source>扣分说明：</source>
        <translation>Deduction note:</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/assessment_form.py" line="206"/>
        <source>分值 {p} 分</source>
        <translation>out of {p} points</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/assessment_form.py" line="208"/>
        <source>（请选择）</source>
        <translation>(choose)</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/assessment_form.py" line="245"/>
        <source>取得的成绩(&amp;W)：</source>
        <translation>&amp;What was achieved:</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/assessment_form.py" line="249"/>
        <source>发生的情况(&amp;W)：</source>
        <translation>&amp;What happened:</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/assessment_form.py" line="246"/>
        <source>获得的表彰、奖励或被推广的经验：名称、授予或推广的单位、时间</source>
        <translation>Awards, honours or practices adopted elsewhere: name, awarding or adopting body, date</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/assessment_form.py" line="249"/>
        <source>发生了什么、何时发生、造成的影响和已经采取的措施</source>
        <translation>What happened, when, its consequences and the measures already taken</translation>
    </message>
</context>
<context>
    <name>Autosaver</name>
    <message>
        <location filename="../../fazhi_desktop/ui/autosave.py" line="87"/>
        <source>正在保存…</source>
        <translation>Saving…</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/autosave.py" line="89"/>
        <source>已保存 {time}</source>
        <translation>Saved {time}</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/autosave.py" line="91"/>
        <source>未能保存，稍后将重试</source>
        <translation>Not saved; will retry</translation>
    </message>
</context>
<context>
    <name>BureauPage</name>
    <message>
        <location filename="../../fazhi_desktop/ui/first_run.py" line="77"/>
        <source>县司法局</source>
        <translation>County justice bureau</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/first_run.py" line="80"/>
        <source>审核机关名称和县司法局签名密钥的口令（退回包和回执用它签名，请牢记，至少 {n} 个字符）。</source>
        <translation>The reviewing body&apos;s name and the passphrase of the justice bureau&apos;s signing key (returns and receipts are signed with it; remember it; at least {n} characters).</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/first_run.py" line="84"/>
        <source>如 莘县司法局；不填则按计划所属县命名</source>
        <translation>e.g. Shen County Justice Bureau; left empty, it is named after the plan&apos;s county</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/first_run.py" line="89"/>
        <source>不填则用内置计划</source>
        <translation>Empty: the built-in plan</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/first_run.py" line="91"/>
        <source>如 2026年度；不填则为计划所属年度</source>
        <translation>e.g. 2026年度; empty: the plan&apos;s own year</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/first_run.py" line="94"/>
        <source>审核机关(&amp;N)：</source>
        <translation>Reviewing body (&amp;N):</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/first_run.py" line="95"/>
        <source>密钥口令(&amp;P)：</source>
        <translation>Key &amp;passphrase:</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/first_run.py" line="96"/>
        <source>再输入一次(&amp;A)：</source>
        <translation>Type it &amp;again:</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/first_run.py" line="97"/>
        <source>本轮计划(&amp;L)：</source>
        <translation>P&amp;lan of this round:</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/first_run.py" line="98"/>
        <source>本轮期间(&amp;D)：</source>
        <translation>Perio&amp;d of this round:</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/first_run.py" line="106"/>
        <source>口令至少 {n} 个字符</source>
        <translation>The passphrase needs at least {n} characters</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/first_run.py" line="108"/>
        <source>两次输入的口令不一致</source>
        <translation>The two passphrases do not match</translation>
    </message>
</context>
<context>
    <name>ChangePassphraseDialog</name>
    <message>
        <location filename="../../fazhi_desktop/ui/key_dialog.py" line="83"/>
        <location filename="../../fazhi_desktop/ui/key_dialog.py" line="120"/>
        <location filename="../../fazhi_desktop/ui/key_dialog.py" line="138"/>
        <source>修改签名口令</source>
        <translation>Change signing passphrase</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/key_dialog.py" line="85"/>
        <source>输入现在的口令和新口令。以后生成上报包要用新口令；之前的密钥文件备份仍用旧口令解锁。</source>
        <translation>Enter the current passphrase and the new one. From now on, packages are signed with the new passphrase; earlier backups of the key file still open with the old one.</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/key_dialog.py" line="91"/>
        <source>现在的口令(&amp;O)：</source>
        <translation>Current passphrase (&amp;O):</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/key_dialog.py" line="92"/>
        <source>新口令(&amp;W)：</source>
        <translation>Ne&amp;w passphrase:</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/key_dialog.py" line="93"/>
        <source>再输入一次(&amp;A)：</source>
        <translation>Type it &amp;again:</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/key_dialog.py" line="95"/>
        <source>修改</source>
        <translation>Change</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/key_dialog.py" line="105"/>
        <source>请输入现在的口令。</source>
        <translation>Please enter the current passphrase.</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/key_dialog.py" line="114"/>
        <source>两次输入的新口令不一致。</source>
        <translation>The two new passphrases do not match.</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/key_dialog.py" line="118"/>
        <source>正在修改口令，请稍候…</source>
        <translation>Changing the passphrase, please wait…</translation>
    </message>
</context>
<context>
    <name>ContactPage</name>
    <message>
        <location filename="../../fazhi_desktop/ui/wizard_pages.py" line="118"/>
        <source>联系人</source>
        <translation>Contact</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/wizard_pages.py" line="119"/>
        <source>县司法局对上报内容有疑问时联系的人。以后可以在“文件 → 单位设置”中修改。</source>
        <translation>Whom the county justice bureau calls with questions. You can change this later under “File → Unit settings”.</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/wizard_pages.py" line="121"/>
        <source>姓名（必填）</source>
        <translation>Name (required)</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/wizard_pages.py" line="123"/>
        <source>如 0635-7123456 或手机号</source>
        <translation>e.g. 0635-7123456 or a mobile number</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/wizard_pages.py" line="127"/>
        <source>联系人(&amp;C)：</source>
        <translation>&amp;Contact:</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/wizard_pages.py" line="128"/>
        <source>联系电话(&amp;P)：</source>
        <translation>&amp;Phone:</translation>
    </message>
</context>
<context>
    <name>DateField</name>
    <message>
        <location filename="../../fazhi_desktop/ui/date_field.py" line="51"/>
        <source>未设定（如 2021-09-30）</source>
        <translation>Not set (e.g. 2021-09-30)</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/date_field.py" line="52"/>
        <source>可输入 2021-09-30、2021.9.30、2021/9/30、20210930 或 2021年9月30日</source>
        <translation>Type 2021-09-30, 2021.9.30, 2021/9/30, 20210930 or 2021年9月30日</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/date_field.py" line="58"/>
        <source>日历…</source>
        <translation>Calendar…</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/date_field.py" line="59"/>
        <source>从日历中选择（也可按 Alt+↓）</source>
        <translation>Pick from a calendar (or press Alt+Down)</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/date_field.py" line="121"/>
        <source>未保存：{problem}</source>
        <translation>Not saved: {problem}</translation>
    </message>
</context>
<context>
    <name>ErrorDialog</name>
    <message>
        <location filename="../../fazhi_desktop/ui/error_dialog.py" line="28"/>
        <source>无法完成操作</source>
        <translation>The operation could not be completed</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/error_dialog.py" line="29"/>
        <source>数据库被占用</source>
        <translation>Database in use</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/error_dialog.py" line="30"/>
        <source>数据库正被另一个程序占用，刚才的修改没有写入。请关闭另外打开的本程序（或正在复制数据目录的程序）后重试。</source>
        <translation>Another program is using the database, so the last change was not written. Close the other copy of this program (or the program copying the data folder) and try again.</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/error_dialog.py" line="35"/>
        <source>数据库已损坏</source>
        <translation>Database damaged</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/error_dialog.py" line="36"/>
        <source>本地数据库文件已损坏，无法继续写入。请用“文件 → 从备份恢复”恢复最近的自动备份（启动时打不开数据库，程序也会列出备份），或把数据目录交给技术人员处理。</source>
        <translation>The local database file is damaged and cannot be written. Restore the latest automatic backup with “File → Restore from backup” (when the database cannot be opened at start, the program lists the backups itself), or hand the data folder to a technician.</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/error_dialog.py" line="41"/>
        <source>磁盘空间已满</source>
        <translation>Disk full</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/error_dialog.py" line="42"/>
        <source>磁盘空间已满，刚才的操作没有完成，已填写的内容没有丢失。请删除不需要的文件、腾出空间后重试。</source>
        <translation>The disk is full, so the last operation did not complete; nothing you entered is lost. Delete files you do not need and try again.</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/error_dialog.py" line="46"/>
        <source>找不到文件</source>
        <translation>File not found</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/error_dialog.py" line="47"/>
        <source>找不到文件“{name}”：它可能已被移动、改名或删除，或者所在的U盘已拔出。请找到该文件后重新添加。</source>
        <translation>Cannot find “{name}”: it may have been moved, renamed or deleted, or its USB stick was removed. Find the file and add it again.</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/error_dialog.py" line="51"/>
        <source>没有权限</source>
        <translation>Permission denied</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/error_dialog.py" line="52"/>
        <source>没有权限读写“{name}”。请确认文件没有被其他程序打开、U盘没有写保护，或换一个位置再试。</source>
        <translation>No permission to read or write “{name}”. Make sure no other program has it open and the USB stick is not write-protected, or try another place.</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/error_dialog.py" line="55"/>
        <source>读写文件失败</source>
        <translation>File error</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/error_dialog.py" line="56"/>
        <source>读写文件时出错（{why}）。请检查U盘或磁盘是否正常连接，然后重试。</source>
        <translation>Reading or writing a file failed ({why}). Check that the USB stick or disk is connected properly and try again.</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/error_dialog.py" line="59"/>
        <source>程序出现意外问题</source>
        <translation>Unexpected problem</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/error_dialog.py" line="60"/>
        <source>程序遇到了意外问题，刚才的操作没有完成；之前填写的内容都已保存。如果问题反复出现，请把日志文件发给技术支持。</source>
        <translation>The program met an unexpected problem and the last operation did not complete; everything entered before is saved. If it happens again, send the log file to technical support.</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/error_dialog.py" line="65"/>
        <source>详细信息已记入日志文件：{path}</source>
        <translation>Details were written to the log file: {path}</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/error_dialog.py" line="66"/>
        <source>打开日志文件夹</source>
        <translation>Open log folder</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/error_dialog.py" line="68"/>
        <source>{doing}：{message}</source>
        <translation>{doing}: {message}</translation>
    </message>
</context>
<context>
    <name>EvidenceModel</name>
    <message>
        <location filename="../../fazhi_desktop/ui/evidence_model.py" line="22"/>
        <source>文件名</source>
        <translation>File name</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/evidence_model.py" line="23"/>
        <source>大小</source>
        <translation>Size</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/evidence_model.py" line="24"/>
        <source>形成日期</source>
        <translation>Document date</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/evidence_model.py" line="25"/>
        <source>说明</source>
        <translation>Description</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/evidence_model.py" line="80"/>
        <source>{name}
{size}，关联事项：{items}</source>
        <translation>{name}
{size}, supports: {items}</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/evidence_model.py" line="83"/>
        <source>双击可修改</source>
        <translation>Double-click to edit</translation>
    </message>
</context>
<context>
    <name>EvidencePanel</name>
    <message>
        <location filename="../../fazhi_desktop/ui/evidence_panel.py" line="127"/>
        <source>可把文件从桌面或文件夹拖到这里。同一文件只保存一份，可关联到多个事项。</source>
        <translation>Drop files here from the desktop or a folder. Each file is stored once and can support several items.</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/evidence_panel.py" line="156"/>
        <source>添加文件(&amp;A)…</source>
        <translation>&amp;Add files…</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/evidence_panel.py" line="158"/>
        <source>选择要作为佐证材料的文件（Ctrl+O）</source>
        <translation>Choose files to attach as evidence (Ctrl+O)</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/evidence_panel.py" line="159"/>
        <source>关联已有材料…</source>
        <translation>Link existing evidence…</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/evidence_panel.py" line="160"/>
        <source>把本期已添加的材料也关联到本事项，不必重复添加</source>
        <translation>Let evidence already attached in this period support this item too, without adding it again</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/evidence_panel.py" line="161"/>
        <source>打开</source>
        <translation>Open</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/evidence_panel.py" line="162"/>
        <source>从本事项移除</source>
        <translation>Remove from this item</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/evidence_panel.py" line="177"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/evidence_panel.py" line="202"/>
        <source>佐证材料（{n} 个）</source>
        <translation>Evidence ({n})</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/evidence_panel.py" line="219"/>
        <source>选择佐证材料</source>
        <translation>Choose evidence files</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/evidence_panel.py" line="219"/>
        <source>所有文件 (*)</source>
        <translation>All files (*)</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/evidence_panel.py" line="237"/>
        <source>正在添加 {names}</source>
        <translation>Adding {names}</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/evidence_panel.py" line="241"/>
        <location filename="../../fazhi_desktop/ui/evidence_panel.py" line="277"/>
        <source>添加佐证材料</source>
        <translation>Adding evidence</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/evidence_panel.py" line="270"/>
        <source>部分文件未能添加</source>
        <translation>Some files were not added</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/evidence_panel.py" line="272"/>
        <source>佐证材料</source>
        <translation>Evidence</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/evidence_panel.py" line="348"/>
        <location filename="../../fazhi_desktop/ui/evidence_panel.py" line="361"/>
        <source>打开佐证材料</source>
        <translation>Open evidence</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/evidence_panel.py" line="354"/>
        <source>打开文件</source>
        <translation>Opening the file</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/evidence_panel.py" line="362"/>
        <source>系统没有可以打开此类文件的程序。文件副本在：{path}</source>
        <translation>No program on this computer opens this kind of file. A copy is at: {path}</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/evidence_panel.py" line="371"/>
        <source>把“{name}”从本事项移除？它仍关联在 {items}。</source>
        <translation>Remove “{name}” from this item? It still supports {items}.</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/evidence_panel.py" line="375"/>
        <source>把“{name}”从本事项移除？它没有关联其他事项，将从本期材料中删除。</source>
        <translation>Remove “{name}” from this item? It supports no other item and will be deleted from this period’s evidence.</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/evidence_panel.py" line="378"/>
        <source>移除佐证材料</source>
        <translation>Remove evidence</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <location filename="../../fazhi_desktop/ui/export_dialog.py" line="66"/>
        <source>正在校验 {done}/{total} 个文件，{bd:.1f}/{bt:.1f} MB</source>
        <translation>Verifying {done}/{total} files, {bd:.1f}/{bt:.1f} MB</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/export_dialog.py" line="70"/>
        <source>正在写入 {done}/{total} 个文件，{bd:.1f}/{bt:.1f} MB</source>
        <translation>Writing {done}/{total} files, {bd:.1f}/{bt:.1f} MB</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/export_dialog.py" line="90"/>
        <location filename="../../fazhi_desktop/ui/export_dialog.py" line="175"/>
        <location filename="../../fazhi_desktop/ui/export_dialog.py" line="256"/>
        <source>生成上报包</source>
        <translation>Create package</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/export_dialog.py" line="97"/>
        <source>选择…</source>
        <translation>Choose…</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/export_dialog.py" line="102"/>
        <source>首次设置时设定的签名口令</source>
        <translation>The signing passphrase set up at first start</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/export_dialog.py" line="104"/>
        <source>保存到(&amp;F)：</source>
        <translation>Save to &amp;folder:</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/export_dialog.py" line="105"/>
        <source>签名口令(&amp;W)：</source>
        <translation>Pass&amp;phrase:</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/export_dialog.py" line="109"/>
        <source>生成</source>
        <translation>Create</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/export_dialog.py" line="117"/>
        <source>还没有签名密钥：请先在“文件 → 单位设置”中创建。</source>
        <translation>There is no signing key yet: create one under “File → Unit settings” first.</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/export_dialog.py" line="123"/>
        <source>{unit} · {period}：已填完 {done} / {total} 项（{p}%）。</source>
        <translation>{unit} · {period}: {done} / {total} items complete ({p}%).</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/export_dialog.py" line="129"/>
        <source>还有 {n} 项未填完（{names}）。可以先生成，县司法局会看到这些缺项。</source>
        <translation>{n} items are not finished ({names}). You can create the package anyway; the bureau will see what is missing.</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/export_dialog.py" line="135"/>
        <source>另有 {n} 项可选事项尚未选择（{names}），不计入进度。</source>
        <translation>{n} optional items are still undecided ({names}); they do not count.</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/export_dialog.py" line="140"/>
        <source>佐证材料 {n} 个，上报包约 {size}（上限 {limit}）。</source>
        <translation>{n} evidence files; the package will be about {size} (limit {limit}).</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/export_dialog.py" line="145"/>
        <source>这是第 {n} 版，将替代上一次上报的包。</source>
        <translation>This is version {n}; it replaces the package sent before.</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/export_dialog.py" line="154"/>
        <source>选择保存上报包的文件夹（如U盘）</source>
        <translation>Choose the folder for the package (e.g. a USB stick)</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/export_dialog.py" line="163"/>
        <source>保存位置不存在或不是文件夹，请重新选择。</source>
        <translation>That place does not exist or is not a folder; choose again.</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/export_dialog.py" line="166"/>
        <source>请输入签名口令。</source>
        <translation>Enter the signing passphrase.</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/export_dialog.py" line="173"/>
        <source>正在生成并校验上报包……</source>
        <translation>Creating and verifying the package…</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/export_dialog.py" line="204"/>
        <source>上报包已生成并校验通过：
{path}
大小 {size}，第 {seq} 版。
签名密钥指纹 {fp}（与报告封面一致）。</source>
        <translation>The package was written and verified:
{path}
Size {size}, version {seq}.
Signing key fingerprint {fp} (as on the report&apos;s cover).</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/export_dialog.py" line="212"/>
        <source>请打印旁边的“{name}”并盖章，连同U盘交县司法局。</source>
        <translation>Print “{name}” next to it, stamp it and hand it to the county justice bureau with the USB stick.</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/export_dialog.py" line="222"/>
        <source>上报包已生成</source>
        <translation>Package created</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/export_dialog.py" line="226"/>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/export_dialog.py" line="228"/>
        <source>打开自查报告(&amp;O)</source>
        <translation>&amp;Open the report</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/export_dialog.py" line="233"/>
        <source>打开所在文件夹(&amp;L)</source>
        <translation>Open the fo&amp;lder</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/export_dialog.py" line="244"/>
        <source>打开</source>
        <translation>Open</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/export_dialog.py" line="245"/>
        <source>系统没有可以打开它的程序。它在：{path}</source>
        <translation>No program on this computer can open it. It is at: {path}</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/export_dialog.py" line="254"/>
        <source>已取消，没有留下未完成的上报包。</source>
        <translation>Cancelled; no partial package was left behind.</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/export_dialog.py" line="262"/>
        <source>正在取消……</source>
        <translation>Cancelling…</translation>
    </message>
</context>
<context>
    <name>FirstRunWizard</name>
    <message>
        <location filename="../../fazhi_desktop/ui/first_run.py" line="126"/>
        <source>法治政府建设自查</source>
        <translation>Rule-of-Law Government Self-Check</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/first_run.py" line="132"/>
        <source>完成</source>
        <translation>Finish</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/first_run.py" line="143"/>
        <source>正在生成县司法局签名密钥，请稍候…</source>
        <translation>Creating the justice bureau&apos;s signing key, please wait…</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/first_run.py" line="144"/>
        <source>建立审核数据目录</source>
        <translation>Setting up the review data folder</translation>
    </message>
</context>
<context>
    <name>ItemPage</name>
    <message>
        <location filename="../../fazhi_desktop/ui/item_page.py" line="141"/>
        <source>上一项</source>
        <translation>Previous</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/item_page.py" line="142"/>
        <source>下一项</source>
        <translation>Next</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/item_page.py" line="143"/>
        <source>下一个未完成</source>
        <translation>Next unfinished</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/item_page.py" line="144"/>
        <source>上一项（Ctrl+PgUp）</source>
        <translation>Previous item (Ctrl+PgUp)</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/item_page.py" line="145"/>
        <source>下一项（Ctrl+PgDown）</source>
        <translation>Next item (Ctrl+PgDown)</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/item_page.py" line="146"/>
        <source>跳到下一个还没填完的事项（F8）</source>
        <translation>Go to the next item that is not finished (F8)</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/item_page.py" line="150"/>
        <source>下一个退回项</source>
        <translation>Next returned item</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/item_page.py" line="151"/>
        <source>跳到下一个县司法局退回修改、还没有改过的事项（Shift+F8）</source>
        <translation>Go to the next item the justice bureau returned for revision that has not been changed yet (Shift+F8)</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/item_page.py" line="179"/>
        <source>本单位角色：{role}</source>
        <translation>Our role: {role}</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/item_page.py" line="181"/>
        <source>（因“{via}”列入）</source>
        <translation> (through “{via}”)</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/item_page.py" line="187"/>
        <source>牵头单位：{names}</source>
        <translation>Lead units: {names}</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/item_page.py" line="189"/>
        <source>责任单位：{names}</source>
        <translation>Responsible units: {names}</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/item_page.py" line="191"/>
        <source>配合单位：{names}</source>
        <translation>Cooperating units: {names}</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/item_page.py" line="194"/>
        <source>完成时限：{d}</source>
        <translation>Deadline: {d}</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/item_page.py" line="196"/>
        <source>分值：{p} 分</source>
        <translation>Points: {p}</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/item_page.py" line="199"/>
        <source>评分标准：{c}</source>
        <translation>Scoring rule: {c}</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/item_page.py" line="201"/>
        <source>佐证材料要求：{e}</source>
        <translation>Evidence required: {e}</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/item_page.py" line="208"/>
        <source>县司法局退回修改：{comment}
请按意见修改后重新生成上报包。</source>
        <translation>Returned for revision by the justice bureau: {comment}
Revise as asked, then make a new package.</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/item_page.py" line="226"/>
        <source>有关部门事项（可选）</source>
        <translation>Items for “relevant departments” (optional)</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/item_page.py" line="228"/>
        <source>工作计划任务</source>
        <translation>Work plan tasks</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/item_page.py" line="230"/>
        <source>示范创建指标</source>
        <translation>Indicators</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/item_page.py" line="232"/>
        <source>加分项与减分项（可选）</source>
        <translation>Bonus and deduction items (optional)</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/item_page.py" line="253"/>
        <source>本单位本期无此项加分情况。</source>
        <translation>The unit has no such bonus this period.</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/item_page.py" line="255"/>
        <source>本单位本期未发生此情况。</source>
        <translation>This did not happen in the unit this period.</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/item_page.py" line="257"/>
        <source>本项已填完（不适用）。</source>
        <translation>This item is complete (not applicable).</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/item_page.py" line="259"/>
        <source>本项已填完。</source>
        <translation>This item is complete.</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/item_page.py" line="261"/>
        <source>本单位不参与此项，不计入进度。</source>
        <translation>Our unit does not take part in this item; it does not count.</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/item_page.py" line="263"/>
        <source>还需要：</source>
        <translation>Still needed: </translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/item_page.py" line="294"/>
        <source>保存</source>
        <translation>Saving</translation>
    </message>
</context>
<context>
    <name>ItemTree</name>
    <message>
        <location filename="../../fazhi_desktop/ui/item_tree_model.py" line="36"/>
        <source>工作计划任务</source>
        <translation>Work plan tasks</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/item_tree_model.py" line="37"/>
        <source>示范创建指标</source>
        <translation>Indicators</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/item_tree_model.py" line="38"/>
        <source>加分项与减分项（可选）</source>
        <translation>Bonus and deduction items (optional)</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/item_tree_model.py" line="39"/>
        <source>有关部门事项（可选）</source>
        <translation>Items for “relevant departments” (optional)</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/item_tree_model.py" line="40"/>
        <source>事项</source>
        <translation>Item</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/item_tree_model.py" line="41"/>
        <source>角色</source>
        <translation>Role</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/item_tree_model.py" line="42"/>
        <source>材料</source>
        <translation>Files</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/item_tree_model.py" line="43"/>
        <source>牵头</source>
        <translation>Lead</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/item_tree_model.py" line="44"/>
        <source>责任</source>
        <translation>Responsible</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/item_tree_model.py" line="45"/>
        <source>参与</source>
        <translation>Optional</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/item_tree_model.py" line="46"/>
        <source>勾选表示本单位参与此项，需要填写；不勾选表示不参与</source>
        <translation>Checked: our unit takes part and answers this item; unchecked: it does not</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/item_tree_model.py" line="47"/>
        <source>县司法局退回修改：{comment}</source>
        <translation>Returned for revision by the justice bureau: {comment}</translation>
    </message>
</context>
<context>
    <name>KeyDialog</name>
    <message>
        <location filename="../../fazhi_desktop/ui/key_dialog.py" line="162"/>
        <source>签名密钥</source>
        <translation>Signing key</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/key_dialog.py" line="169"/>
        <source>还没有签名密钥。签名密钥在“文件 → 单位设置”向导的最后一步创建：请重新打开单位设置，设定口令后点击“完成”。</source>
        <translation>There is no signing key yet. The key is created in the last step of the “File → Unit settings” wizard: reopen Unit settings, set a passphrase and click “Finish”.</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/key_dialog.py" line="191"/>
        <source>上报包用本单位的签名密钥签名；密钥指纹印在自查报告封面上，县司法局据此核验。</source>
        <translation>Packages are signed with the unit&apos;s signing key; its fingerprint is printed on the cover of the self-check report, and the county justice bureau checks packages against it.</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/key_dialog.py" line="197"/>
        <source>密钥指纹：</source>
        <translation>Key fingerprint:</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/key_dialog.py" line="198"/>
        <source>完整指纹：</source>
        <translation>Full fingerprint:</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/key_dialog.py" line="199"/>
        <source>创建时间：</source>
        <translation>Created:</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/key_dialog.py" line="200"/>
        <source>修改口令…</source>
        <translation>Change passphrase…</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/key_dialog.py" line="201"/>
        <source>导出公钥…</source>
        <translation>Export public key…</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/key_dialog.py" line="202"/>
        <source>备份密钥文件…</source>
        <translation>Back up key file…</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/key_dialog.py" line="208"/>
        <source>密钥文件：{path}</source>
        <translation>Key file: {path}</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/key_dialog.py" line="220"/>
        <source>口令已修改。以后生成上报包请使用新口令；建议重新备份密钥文件。</source>
        <translation>The passphrase has been changed. Use the new passphrase when creating packages from now on; backing up the key file again is recommended.</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/key_dialog.py" line="225"/>
        <location filename="../../fazhi_desktop/ui/key_dialog.py" line="235"/>
        <source>导出公钥</source>
        <translation>Export public key</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/key_dialog.py" line="227"/>
        <source>PEM 公钥 (*.pem)</source>
        <translation>PEM public key (*.pem)</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/key_dialog.py" line="237"/>
        <source>公钥已导出到 {path}</source>
        <translation>Public key exported to {path}</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/key_dialog.py" line="244"/>
        <location filename="../../fazhi_desktop/ui/key_dialog.py" line="255"/>
        <source>备份密钥文件</source>
        <translation>Back up key file</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/key_dialog.py" line="246"/>
        <source>密钥文件 (*.json)</source>
        <translation>Key file (*.json)</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/key_dialog.py" line="257"/>
        <source>密钥文件已备份到 {path}（仍由口令加密，请妥善保管）</source>
        <translation>Key file backed up to {path} (still encrypted with the passphrase; keep it safe)</translation>
    </message>
</context>
<context>
    <name>KeyPage</name>
    <message>
        <location filename="../../fazhi_desktop/ui/wizard_pages.py" line="197"/>
        <source>签名密钥</source>
        <translation>Signing key</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/wizard_pages.py" line="205"/>
        <source>本单位的签名密钥已经创建。</source>
        <translation>The unit’s signing key exists.</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/wizard_pages.py" line="209"/>
        <source>密钥指纹：{fp}
上报包用它签名；指纹印在自查报告封面上，盖章后交县司法局。</source>
        <translation>Key fingerprint: {fp}
Packages are signed with it; the fingerprint is printed on the report cover, which is stamped and handed to the bureau.</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/wizard_pages.py" line="215"/>
        <source>上报包用本单位的密钥签名，县司法局据此确认上报包来自本单位、未被改动。</source>
        <translation>Packages are signed with the unit’s key, so the bureau can tell they come from this unit and were not changed.</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/wizard_pages.py" line="220"/>
        <source>请设置一个至少 {n} 个字符的口令并牢记：每次生成上报包都要输入它，忘记后无法找回。口令只保存在本机，用来加密密钥。</source>
        <translation>Choose a passphrase of at least {n} characters and remember it: it is needed for every package and cannot be recovered. It stays on this computer and encrypts the key.</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/wizard_pages.py" line="226"/>
        <source>口令(&amp;W)：</source>
        <translation>Pass&amp;phrase:</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/wizard_pages.py" line="227"/>
        <source>再输入一次(&amp;A)：</source>
        <translation>Type it &amp;again:</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/wizard_pages.py" line="245"/>
        <source>口令至少 {n} 个字符（现在 {m} 个）。</source>
        <translation>At least {n} characters (now {m}).</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/wizard_pages.py" line="250"/>
        <source>两次输入的口令不一致。</source>
        <translation>The two passphrases differ.</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/wizard_pages.py" line="252"/>
        <source>口令可以使用。点击“完成”创建密钥（需要几秒钟）。</source>
        <translation>The passphrase is fine. Click “Finish” to create the key (takes a few seconds).</translation>
    </message>
</context>
<context>
    <name>KeysDialog</name>
    <message>
        <location filename="../../fazhi_desktop/ui/review_keys.py" line="38"/>
        <source>单位密钥登记</source>
        <translation>Unit key register</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/review_keys.py" line="43"/>
        <location filename="../../fazhi_desktop/ui/review_keys.py" line="69"/>
        <source>单位</source>
        <translation>Unit</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/review_keys.py" line="44"/>
        <source>指纹</source>
        <translation>Fingerprint</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/review_keys.py" line="45"/>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/review_keys.py" line="46"/>
        <source>登记于</source>
        <translation>Registered</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/review_keys.py" line="47"/>
        <source>停用于</source>
        <translation>Retired</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/review_keys.py" line="48"/>
        <location filename="../../fazhi_desktop/ui/review_keys.py" line="71"/>
        <source>备注</source>
        <translation>Note</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/review_keys.py" line="61"/>
        <source>公钥文件，或上报包封面上的指纹（如 3F2A-91C0-…）</source>
        <translation>Public key file, or the fingerprint on a package&apos;s cover (e.g. 3F2A-91C0-…)</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/review_keys.py" line="62"/>
        <source>选择公钥文件…</source>
        <translation>Choose public key file…</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/review_keys.py" line="70"/>
        <source>密钥</source>
        <translation>Key</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/review_keys.py" line="72"/>
        <source>登记</source>
        <translation>Register</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/review_keys.py" line="74"/>
        <source>替换…</source>
        <translation>Replace…</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/review_keys.py" line="76"/>
        <source>单位换用了新密钥：选择新的公钥文件或输入新指纹，旧密钥留档并注明停用日期</source>
        <translation>The unit uses a new key: choose the new public key file or type the new fingerprint; the old key stays on record with the date it was retired</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/review_keys.py" line="79"/>
        <source>吊销所选密钥</source>
        <translation>Revoke selected key</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/review_keys.py" line="123"/>
        <source>选择单位公钥文件</source>
        <translation>Choose the unit&apos;s public key file</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/review_keys.py" line="123"/>
        <source>公钥 (*.pem *.pub);;所有文件 (*)</source>
        <translation>Public keys (*.pem *.pub);;All files (*)</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/review_keys.py" line="139"/>
        <source>登记密钥</source>
        <translation>Registering the key</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/review_keys.py" line="142"/>
        <source>已登记 {unit} 的密钥 {fp}。</source>
        <translation>Registered key {fp} for {unit}.</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/review_keys.py" line="149"/>
        <source>此前收到的 {n} 个未登记上报包已计入。</source>
        <translation>{n} package(s) received earlier while unregistered now count.</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/review_keys.py" line="158"/>
        <source>请先在表中选中要替换密钥的单位，或填写单位名称</source>
        <translation>First select the unit whose key is to be replaced in the table, or type the unit&apos;s name</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/review_keys.py" line="161"/>
        <source>请选择新的公钥文件，或输入上报包封面上的新密钥指纹</source>
        <translation>Choose the new public key file, or type the new key fingerprint from the package cover</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/review_keys.py" line="168"/>
        <source>替换密钥</source>
        <translation>Replacing the key</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/review_keys.py" line="171"/>
        <source>{unit} 已换用新密钥 {fp}。</source>
        <translation>{unit} now uses the new key {fp}.</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/review_keys.py" line="173"/>
        <source>旧密钥 {old} 已留档（停用于 {date}）。</source>
        <translation> The old key {old} stays on record (retired on {date}).</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/review_keys.py" line="181"/>
        <source>请先在表中选中要吊销的密钥</source>
        <translation>Select the key to revoke in the table first</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/review_keys.py" line="185"/>
        <source>所选密钥已不在使用（{status}），无需吊销</source>
        <translation>The selected key is no longer in use ({status}); nothing to revoke</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/review_keys.py" line="191"/>
        <source>吊销密钥</source>
        <translation>Revoking the key</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/review_keys.py" line="195"/>
        <source>已吊销 {unit} 的密钥 {fp}：此后用它签名的上报包一律拒收</source>
        <translation>Revoked key {fp} of {unit}: packages signed with it are refused from now on</translation>
    </message>
</context>
<context>
    <name>LinkEvidenceDialog</name>
    <message>
        <location filename="../../fazhi_desktop/ui/link_evidence_dialog.py" line="22"/>
        <source>关联已有材料</source>
        <translation>Link existing evidence</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/link_evidence_dialog.py" line="26"/>
        <source>{name}（{size}，已关联 {items}）</source>
        <translation>{name} ({size}, supports {items})</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/link_evidence_dialog.py" line="33"/>
        <source>选择要同时关联到本事项的材料（可按住 Ctrl 多选）：</source>
        <translation>Choose the evidence that should also support this item (Ctrl-click for several):</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/link_evidence_dialog.py" line="35"/>
        <source>本期还没有可以关联的其他材料。</source>
        <translation>There is no other evidence in this period to link.</translation>
    </message>
</context>
<context>
    <name>MainMenus</name>
    <message>
        <location filename="../../fazhi_desktop/ui/main_menus.py" line="43"/>
        <source>概览</source>
        <translation>Overview</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/main_menus.py" line="46"/>
        <source>总体进度、缺项和整改时限（Ctrl+1）</source>
        <translation>Overall progress, missing items and rectification deadlines (Ctrl+1)</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/main_menus.py" line="50"/>
        <source>下一个未完成</source>
        <translation>Next unfinished</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/main_menus.py" line="53"/>
        <source>跳到下一个还没填完的事项（F8）</source>
        <translation>Go to the next item that is not finished (F8)</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/main_menus.py" line="56"/>
        <source>下一个退回项</source>
        <translation>Next returned item</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/main_menus.py" line="59"/>
        <source>跳到下一个县司法局退回修改、还没有改过的事项（Shift+F8）</source>
        <translation>Go to the next item the justice bureau returned for revision that has not been changed yet (Shift+F8)</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/main_menus.py" line="61"/>
        <source>上一项</source>
        <translation>Previous</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/main_menus.py" line="64"/>
        <source>下一项</source>
        <translation>Next</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/main_menus.py" line="68"/>
        <source>生成上报包</source>
        <translation>Create package</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/main_menus.py" line="72"/>
        <source>生成签名的上报包，保存到U盘（Ctrl+E）</source>
        <translation>Create the signed package and save it to a USB stick (Ctrl+E)</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/main_menus.py" line="74"/>
        <source>预览自查报告</source>
        <translation>Preview the report</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/main_menus.py" line="78"/>
        <source>按现在填写的内容生成自查报告草稿，用系统的 PDF 阅读程序打开，可先看看再打印（Ctrl+P）</source>
        <translation>Render a draft of the report from what is filled in now and open it in the PDF viewer, to check before printing (Ctrl+P)</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/main_menus.py" line="81"/>
        <source>单位设置（重新打开向导）…</source>
        <translation>Unit settings (set-up wizard)…</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/main_menus.py" line="83"/>
        <source>签名密钥…</source>
        <translation>Signing key…</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/main_menus.py" line="85"/>
        <source>撤销</source>
        <translation>Undo</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/main_menus.py" line="87"/>
        <source>重做</source>
        <translation>Redo</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/main_menus.py" line="89"/>
        <source>搜索事项</source>
        <translation>Search items</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/main_menus.py" line="92"/>
        <source>退出</source>
        <translation>Quit</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/main_menus.py" line="97"/>
        <source>文件(&amp;F)</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/main_menus.py" line="100"/>
        <source>导入计划…</source>
        <translation>Import plan…</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/main_menus.py" line="101"/>
        <source>导入退回包…</source>
        <translation>Import return…</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/main_menus.py" line="105"/>
        <source>生成年度报告（草稿）…</source>
        <translation>Draft the annual report…</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/main_menus.py" line="107"/>
        <source>从备份恢复…</source>
        <translation>Restore from backup…</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/main_menus.py" line="108"/>
        <source>打开数据目录</source>
        <translation>Open data folder</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/main_menus.py" line="111"/>
        <source>编辑(&amp;E)</source>
        <translation>&amp;Edit</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/main_menus.py" line="116"/>
        <source>视图(&amp;V)</source>
        <translation>&amp;View</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/main_menus.py" line="123"/>
        <source>界面语言</source>
        <translation>Language</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/main_menus.py" line="132"/>
        <source>帮助(&amp;H)</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/main_menus.py" line="133"/>
        <source>使用说明</source>
        <translation>How to use</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/main_menus.py" line="134"/>
        <source>打开日志文件夹</source>
        <translation>Open log folder</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/main_menus.py" line="136"/>
        <source>关于</source>
        <translation>About</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/main_menus.py" line="138"/>
        <source>工具栏</source>
        <translation>Toolbar</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../fazhi_desktop/ui/main_window.py" line="91"/>
        <source>所有修改都会自动保存</source>
        <translation>All changes are saved automatically</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/main_window.py" line="145"/>
        <source>{unit} · {period} — 法治政府建设自查</source>
        <translation>{unit} · {period} — Rule-of-Law Self-Check</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/main_window.py" line="150"/>
        <source>{unit} · {period}</source>
        <translation>{unit} · {period}</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/main_window.py" line="182"/>
        <source>上报包约 {used} / {limit}</source>
        <translation>Package about {used} / {limit}</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/main_window.py" line="229"/>
        <source>已经是第一项</source>
        <translation>This is the first item</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/main_window.py" line="229"/>
        <source>已经是最后一项</source>
        <translation>This is the last item</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/main_window.py" line="248"/>
        <source>所有事项都已填完，可以生成上报包了。</source>
        <translation>All items are finished: you can create the package.</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/main_window.py" line="263"/>
        <source>退回修改的事项都已改过，可以重新生成上报包了。</source>
        <translation>All returned items have been revised; you can generate the package again.</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/main_window.py" line="265"/>
        <source>没有县司法局退回修改的事项。</source>
        <translation>There are no items returned by the justice bureau for revision.</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/main_window.py" line="305"/>
        <source>导入计划</source>
        <translation>Import plan</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/main_window.py" line="306"/>
        <source>已导入计划 %1。新年度的报告期可在“单位设置”向导中选择此计划。</source>
        <translation>Plan %1 imported. Choose it for a new reporting period in the unit set-up wizard.</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/main_window.py" line="317"/>
        <source>选择县司法局的退回包</source>
        <translation>Choose the justice bureau&apos;s return</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/main_window.py" line="317"/>
        <source>退回包 (*.json);;所有文件 (*)</source>
        <translation>Returns (*.json);;All files (*)</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/main_window.py" line="330"/>
        <source>确认县司法局密钥</source>
        <translation>Confirm the justice bureau&apos;s key</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/main_window.py" line="332"/>
        <source>退回包由指纹为 {fp} 的密钥签名。请与县司法局书面通知上的密钥指纹核对，一致时在此输入该指纹：</source>
        <translation>The return is signed by the key with fingerprint {fp}. Compare it with the fingerprint in the justice bureau&apos;s written notice and, if they match, type it here:</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/main_window.py" line="339"/>
        <source>导入退回包</source>
        <translation>Importing the return</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/main_window.py" line="345"/>
        <source>这个退回包已经导入过，没有变化。</source>
        <translation>This return was imported before; nothing changed.</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/main_window.py" line="352"/>
        <source>已导入县司法局的退回包：{n} 项退回修改（{items}），已在左侧筛出；按 Shift+F8 跳到下一个退回项。</source>
        <translation>Imported the justice bureau&apos;s return: {n} item(s) to revise ({items}), filtered on the left; press Shift+F8 for the next returned item.</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/main_window.py" line="389"/>
        <source>从备份恢复</source>
        <translation>Restore from backup</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/main_window.py" line="389"/>
        <source>还没有自动备份。</source>
        <translation>There are no automatic backups yet.</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/main_window.py" line="402"/>
        <source>界面语言</source>
        <translation>Language</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/main_window.py" line="402"/>
        <source>界面语言将在下次启动程序时切换。</source>
        <translation>The language changes the next time the program starts.</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/main_window.py" line="407"/>
        <source>使用说明</source>
        <translation>How to use</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/main_window.py" line="409"/>
        <source>1. 左侧是本单位需要填报的事项，图标表示填报状态：空心圆为未填写，半圆为填写中，绿色对勾为已填完。
2. 点击一个事项，在右侧选择工作状态和自评结果，填写工作开展情况、存在问题、整改措施和时限。内容会自动保存，不需要点“保存”。
3. 把佐证材料文件从桌面或文件夹拖到“佐证材料”区域即可添加。
4. 按 F8 跳到下一个还没填完的事项；按 Ctrl+1 查看总体进度。
5. 全部填完后，点击工具栏上的“生成上报包”，把上报包保存到U盘交县司法局。</source>
        <translation>1. On the left are the items your unit answers; the icon shows the state: empty circle = not started, half circle = in progress, green tick = finished.
2. Click an item, choose its work status and result, and describe the work done, the problems, the measures and the deadline. Everything is saved automatically; there is no “Save”.
3. Drag evidence files from the desktop or a folder onto the “Evidence” area.
4. F8 goes to the next unfinished item; Ctrl+1 shows the overview.
5. When everything is finished, click “Create package” on the toolbar and save the package to a USB stick for the county justice bureau.</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/main_window.py" line="423"/>
        <source>关于</source>
        <translation>About</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/main_window.py" line="424"/>
        <source>法治政府建设自查 {version}
数据目录：{dir}</source>
        <translation>Rule-of-Law Self-Check {version}
Data folder: {dir}</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/main_window.py" line="486"/>
        <source>未能保存</source>
        <translation>Not saved</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/main_window.py" line="487"/>
        <source>最后的修改没能写入数据库（原因见刚才的提示）。现在退出会丢失这些修改。仍要退出吗？</source>
        <translation>The last changes could not be written to the database (see the previous message). Quitting now loses them. Quit anyway?</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/main_window.py" line="495"/>
        <source>正在添加材料</source>
        <translation>Adding evidence</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/main_window.py" line="497"/>
        <source>还有后台任务正在进行（复制佐证材料、生成上报包或检查数据）。现在退出会取消它（已保存的内容不受影响）。确定退出吗？</source>
        <translation>A background task is still running (copying evidence, writing the package or checking the data). Quitting now cancels it (everything saved is kept). Quit anyway?</translation>
    </message>
</context>
<context>
    <name>NarrativesPanel</name>
    <message>
        <location filename="../../fazhi_desktop/ui/narratives_panel.py" line="31"/>
        <source>本单位本期法治政府建设工作的总体情况：主要做法、取得的成效（写入自查报告第一部分）</source>
        <translation>What the unit did overall this period: main measures and results (printed in part one of the report)</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/narratives_panel.py" line="34"/>
        <source>下一步的工作打算和措施（写在自查报告的整改措施之后）</source>
        <translation>Plans and measures for the next period (printed after the rectification measures)</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/narratives_panel.py" line="39"/>
        <source>总体情况(&amp;G)：</source>
        <translation>Overall (&amp;G):</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/narratives_panel.py" line="41"/>
        <source>下一步工作打算(&amp;X)：</source>
        <translation>Ne&amp;xt steps:</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/narratives_panel.py" line="84"/>
        <source>保存</source>
        <translation>Saving</translation>
    </message>
</context>
<context>
    <name>NavigationPanel</name>
    <message>
        <location filename="../../fazhi_desktop/ui/navigation_panel.py" line="34"/>
        <source>搜索事项内容或编号（Ctrl+F）</source>
        <translation>Search item text or number (Ctrl+F)</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/navigation_panel.py" line="44"/>
        <source>全部事项</source>
        <translation>All items</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/navigation_panel.py" line="45"/>
        <source>未填写</source>
        <translation>Not started</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/navigation_panel.py" line="46"/>
        <source>填写中（未填完）</source>
        <translation>In progress</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/navigation_panel.py" line="47"/>
        <source>已填完</source>
        <translation>Finished</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/navigation_panel.py" line="48"/>
        <source>不适用</source>
        <translation>Not applicable</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/navigation_panel.py" line="49"/>
        <source>县司法局退回修改</source>
        <translation>Returned by the justice bureau</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/navigation_panel.py" line="52"/>
        <source>按填报状态筛选</source>
        <translation>Filter by state</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/navigation_panel.py" line="56"/>
        <source>只看牵头</source>
        <translation>Lead only</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/navigation_panel.py" line="58"/>
        <source>只看无材料</source>
        <translation>No evidence</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/navigation_panel.py" line="59"/>
        <source>只显示还没有佐证材料的事项</source>
        <translation>Show only items without evidence</translation>
    </message>
</context>
<context>
    <name>NewRoundDialog</name>
    <message>
        <location filename="../../fazhi_desktop/ui/review_window.py" line="111"/>
        <source>开始新一轮审核</source>
        <translation>Start a new review round</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/review_window.py" line="112"/>
        <source>计划编号，或选择计划文件</source>
        <translation>Plan id, or choose a plan file</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/review_window.py" line="114"/>
        <source>如 2022年度、2022年上半年</source>
        <translation>e.g. 2022年度, 2022年上半年</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/review_window.py" line="116"/>
        <source>本轮</source>
        <translation>Current round</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/review_window.py" line="117"/>
        <source>新一轮的计划</source>
        <translation>Plan of the new round</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/review_window.py" line="118"/>
        <source>新一轮的期间</source>
        <translation>Period of the new round</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/review_window.py" line="121"/>
        <source>此前收到的上报包、审核意见、回执和退回包都留档，不计入新一轮；未销号的整改问题带入新一轮的整改台账；单位密钥登记不变。</source>
        <translation>Packages, reviews, receipts and returns received so far stay on record and do not count in the new round; rectification items not yet closed carry into the new round&apos;s ledger; registered unit keys stay as they are.</translation>
    </message>
</context>
<context>
    <name>OpenPackage</name>
    <message>
        <location filename="../../fazhi_desktop/ui/verification_box.py" line="21"/>
        <source>上报包核验</source>
        <translation>Package verification</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/verification_box.py" line="18"/>
        <source>核验通过：{name}</source>
        <translation>Verified: {name}</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/verification_box.py" line="20"/>
        <source>核验未通过：{name}</source>
        <translation>Verification failed: {name}</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/verification_box.py" line="27"/>
        <source>导入上报包（审核）</source>
        <translation>Import package (review)</translation>
    </message>
</context>
<context>
    <name>OptInChoice</name>
    <message>
        <location filename="../../fazhi_desktop/ui/opt_in_choice.py" line="18"/>
        <location filename="../../fazhi_desktop/ui/opt_in_choice.py" line="49"/>
        <source>可选事项，本单位是否参与：</source>
        <translation>Optional item. Does your unit take part:</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/opt_in_choice.py" line="19"/>
        <location filename="../../fazhi_desktop/ui/opt_in_choice.py" line="50"/>
        <source>参与（需要填写，计入进度）</source>
        <translation>Take part (to be filled in, counts towards progress)</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/opt_in_choice.py" line="20"/>
        <location filename="../../fazhi_desktop/ui/opt_in_choice.py" line="51"/>
        <source>不参与（不计入进度）</source>
        <translation>Do not take part (not counted)</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/opt_in_choice.py" line="37"/>
        <source>本单位本期有无此项加分情况：</source>
        <translation>Does the unit have this bonus this period:</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/opt_in_choice.py" line="38"/>
        <source>有（填写取得的成绩，附佐证材料）</source>
        <translation>Yes (describe the achievement, attach evidence)</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/opt_in_choice.py" line="39"/>
        <source>无</source>
        <translation>No</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/opt_in_choice.py" line="43"/>
        <source>本单位本期是否发生此情况：</source>
        <translation>Did this happen in the unit this period:</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/opt_in_choice.py" line="44"/>
        <source>已发生（填写发生的情况和整改措施）</source>
        <translation>It happened (describe it and the rectification)</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/opt_in_choice.py" line="45"/>
        <source>未发生</source>
        <translation>It did not happen</translation>
    </message>
</context>
<context>
    <name>OverviewPage</name>
    <message>
        <location filename="../../fazhi_desktop/ui/overview_page.py" line="61"/>
        <location filename="../../fazhi_desktop/ui/overview_page.py" line="69"/>
        <source>事项</source>
        <translation>Item</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/overview_page.py" line="61"/>
        <source>状态</source>
        <translation>State</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/overview_page.py" line="61"/>
        <source>还缺</source>
        <translation>Missing</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/overview_page.py" line="69"/>
        <source>整改时限</source>
        <translation>Deadline</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/overview_page.py" line="69"/>
        <source>剩余</source>
        <translation>Left</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/overview_page.py" line="69"/>
        <source>责任人</source>
        <translation>Responsible</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/overview_page.py" line="69"/>
        <source>整改措施</source>
        <translation>Measures</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/overview_page.py" line="89"/>
        <source>总体进度</source>
        <translation>Overall progress</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/overview_page.py" line="113"/>
        <source>各部分进度</source>
        <translation>Progress by part</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/overview_page.py" line="163"/>
        <source>。</source>
        <translation>.</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/overview_page.py" line="165"/>
        <source>不参与和尚未选择的可选事项不计入进度。</source>
        <translation> Optional items not taken part in or not yet decided do not count.</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/overview_page.py" line="92"/>
        <source>上报包大小</source>
        <translation>Package size</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/overview_page.py" line="100"/>
        <source>还缺内容的事项（双击打开）</source>
        <translation>Items still missing something (double-click to open)</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/overview_page.py" line="102"/>
        <source>即将到期的整改时限</source>
        <translation>Upcoming rectification deadlines</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/overview_page.py" line="117"/>
        <source>还缺内容的事项和整改时限</source>
        <translation>Items lacking something and deadlines</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/overview_page.py" line="125"/>
        <source>总体情况和下一步工作打算</source>
        <translation>Overall situation and next steps</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/overview_page.py" line="153"/>
        <source>{unit} · {period} 自查进度</source>
        <translation>{unit} · {period} self-check progress</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/overview_page.py" line="159"/>
        <source>已填完 {done} / {total} 项（{p}%）</source>
        <translation>{done} of {total} items finished ({p}%)</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/overview_page.py" line="163"/>
        <source>按状态：</source>
        <translation>By state: </translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/overview_page.py" line="168"/>
        <source>自评分：合计 {s} / {p} 分，加分 {b}，减分 {d}，自评总分 {t} 分</source>
        <translation>Self-score: {s} / {p} points, bonus {b}, deductions {d}, total {t} points</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/overview_page.py" line="176"/>
        <source>（{n} 项未评分）</source>
        <translation> ({n} items not scored)</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/overview_page.py" line="190"/>
        <source>指标</source>
        <translation>Indicators</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/overview_page.py" line="214"/>
        <source>约 {used} / 上限 {limit}（{p:.1%}）</source>
        <translation>about {used} / limit {limit} ({p:.1%})</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/overview_page.py" line="220"/>
        <source>佐证材料 {n} 个，共 {size}；另为报告和清单预留约 {extra}。</source>
        <translation>{n} evidence files, {size} in all; about {extra} more is reserved for the reports and manifests.</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/overview_page.py" line="226"/>
        <source>已超过上限：请压缩或删除部分材料。</source>
        <translation>Over the limit: compress or remove some evidence.</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/overview_page.py" line="247"/>
        <source>已逾期 {n} 天</source>
        <translation>{n} days overdue</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/overview_page.py" line="249"/>
        <source>{n} 天</source>
        <translation>{n} days</translation>
    </message>
</context>
<context>
    <name>PackageChooser</name>
    <message>
        <location filename="../../fazhi_desktop/ui/review_packages.py" line="45"/>
        <source>选择上报包</source>
        <translation>Choose a package</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/review_packages.py" line="49"/>
        <source>为 {unit} 的哪一个上报包签发回执？共收到 {n} 个。</source>
        <translation>Which package of {unit} is the receipt for? {n} received.</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/review_packages.py" line="65"/>
        <source>版本</source>
        <translation>Version</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/review_packages.py" line="66"/>
        <source>上报包编号</source>
        <translation>Package number</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/review_packages.py" line="67"/>
        <source>生成于</source>
        <translation>Created</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/review_packages.py" line="68"/>
        <source>导入于</source>
        <translation>Imported</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/review_packages.py" line="69"/>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/review_packages.py" line="56"/>
        <source>第{n}版</source>
        <translation>Version {n}</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/review_packages.py" line="82"/>
        <source>签发回执</source>
        <translation>Issue receipt</translation>
    </message>
</context>
<context>
    <name>PeriodPage</name>
    <message>
        <location filename="../../fazhi_desktop/ui/wizard_pages.py" line="153"/>
        <source>报告期</source>
        <translation>Reporting period</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/wizard_pages.py" line="154"/>
        <source>本次自查针对的年度（或半年）。</source>
        <translation>The year (or half-year) this self-check covers.</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/wizard_pages.py" line="163"/>
        <location filename="../../fazhi_desktop/ui/wizard_pages.py" line="186"/>
        <source>依据：{title}（{doc}）</source>
        <translation>Based on: {title} ({doc})</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/wizard_pages.py" line="174"/>
        <source>年度(&amp;Y)：</source>
        <translation>&amp;Year:</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/wizard_pages.py" line="175"/>
        <source>类型(&amp;K)：</source>
        <translation>&amp;Kind:</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/wizard_pages.py" line="176"/>
        <source>计划(&amp;J)：</source>
        <translation>Plan (&amp;J):</translation>
    </message>
</context>
<context>
    <name>PlanField</name>
    <message>
        <location filename="../../fazhi_desktop/ui/dialog_parts.py" line="65"/>
        <source>选择计划文件(&amp;F)…</source>
        <translation>Choose plan &amp;file…</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/dialog_parts.py" line="75"/>
        <source>选择计划文件</source>
        <translation>Choose a plan file</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/dialog_parts.py" line="75"/>
        <source>计划文件 (*.xlsx *.json *.signed)</source>
        <translation>Plan files (*.xlsx *.json *.signed)</translation>
    </message>
</context>
<context>
    <name>PlanImportDialog</name>
    <message>
        <location filename="../../fazhi_desktop/ui/plan_import_dialog.py" line="39"/>
        <source>导入计划</source>
        <translation>Import plan</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/plan_import_dialog.py" line="42"/>
        <source>正在检查 %1 …</source>
        <translation>Checking %1 …</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/plan_import_dialog.py" line="49"/>
        <source>我已确认此计划来源可靠，导入这份没有签名的计划（将标为“未签名”）</source>
        <translation>I have confirmed where this plan comes from: import it without a signature (it will be marked “unsigned”)</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/plan_import_dialog.py" line="55"/>
        <source>导入</source>
        <translation>Import</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/plan_import_dialog.py" line="56"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/plan_import_dialog.py" line="62"/>
        <source>检查计划文件</source>
        <translation>Checking the plan file</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/plan_import_dialog.py" line="73"/>
        <source>此计划没有签名：请确认来源后再导入。</source>
        <translation>This plan is not signed: confirm where it comes from before importing it.</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/plan_import_dialog.py" line="75"/>
        <source>签名有效。请核对下面的内容和签名指纹，再导入。</source>
        <translation>The signature is valid. Check the contents and the signing key fingerprint below, then import.</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/plan_import_dialog.py" line="83"/>
        <source>不能导入 %1：没有导入任何内容。</source>
        <translation>Cannot import %1: nothing was imported.</translation>
    </message>
</context>
<context>
    <name>QDialog</name>
    <message>
        <location filename="../../fazhi_desktop/ui/plan_import_dialog.py" line="110"/>
        <source>选择计划文件</source>
        <translation>Choose a plan file</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/plan_import_dialog.py" line="112"/>
        <source>计划文件 (*.signed *.xlsx *.json);;所有文件 (*)</source>
        <translation>Plan files (*.signed *.xlsx *.json);;All files (*)</translation>
    </message>
</context>
<context>
    <name>ReportPreview</name>
    <message>
        <location filename="../../fazhi_desktop/ui/report_preview.py" line="48"/>
        <location filename="../../fazhi_desktop/ui/report_preview.py" line="73"/>
        <source>生成自查报告预览</source>
        <translation>Rendering the report preview</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/report_preview.py" line="64"/>
        <source>预览自查报告</source>
        <translation>Preview the report</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/report_preview.py" line="66"/>
        <source>这台电脑上没有可以打开 PDF 文件的程序（如 WPS、福昕阅读器或浏览器）。
草稿已保存在：{path}
可以复制到其他电脑上查看或打印。</source>
        <translation>No program on this computer opens PDF files (such as WPS, Foxit Reader or a browser).
The draft is saved at: {path}
Copy it to another computer to view or print it.</translation>
    </message>
</context>
<context>
    <name>RestoreDialog</name>
    <message>
        <location filename="../../fazhi_desktop/ui/restore_dialog.py" line="32"/>
        <source>从备份恢复</source>
        <translation>Restore from backup</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/restore_dialog.py" line="35"/>
        <source>选择一份备份恢复。备份之后所做的修改会丢失；现在的数据库会另存为一份备份，不会删除。</source>
        <translation>Choose a backup to restore. Changes made after it are lost; the current database is kept as a backup, not deleted.</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/restore_dialog.py" line="41"/>
        <source>{when}&#x3000;{kind}&#x3000;{size}</source>
        <translation>{when}   {kind}   {size}</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/restore_dialog.py" line="50"/>
        <source>恢复所选备份</source>
        <translation>Restore the selected backup</translation>
    </message>
</context>
<context>
    <name>ReviewWindow</name>
    <message>
        <location filename="../../fazhi_desktop/ui/review_window.py" line="153"/>
        <source>{name} · 法治政府建设自查审核</source>
        <translation>{name} · Rule-of-Law Self-Check Review</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/review_window.py" line="166"/>
        <source>审核</source>
        <translation>Review</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/review_window.py" line="169"/>
        <source>导入上报包…</source>
        <translation>Import packages…</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/review_window.py" line="170"/>
        <source>写出汇总表…</source>
        <translation>Write summary table…</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/review_window.py" line="171"/>
        <source>写出通报…</source>
        <translation>Write bulletin…</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/review_window.py" line="172"/>
        <source>写出整改台账…</source>
        <translation>Write rectification ledger…</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/review_window.py" line="173"/>
        <source>写出退回包…</source>
        <translation>Write return…</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/review_window.py" line="174"/>
        <source>签发回执…</source>
        <translation>Issue receipt…</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/review_window.py" line="175"/>
        <source>单位密钥…</source>
        <translation>Unit keys…</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/review_window.py" line="176"/>
        <source>开始新一轮…</source>
        <translation>Start new round…</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/review_window.py" line="177"/>
        <source>往轮审核…</source>
        <translation>Past rounds…</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/review_window.py" line="204"/>
        <source>文件</source>
        <translation>File</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/review_window.py" line="204"/>
        <source>原因代码</source>
        <translation>Reason code</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/review_window.py" line="204"/>
        <source>原因</source>
        <translation>Reason</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/review_window.py" line="207"/>
        <source>全县情况</source>
        <translation>County picture</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/review_window.py" line="208"/>
        <source>未提交单位</source>
        <translation>Units not reported</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/review_window.py" line="209"/>
        <source>未采用的上报包</source>
        <translation>Packages not taken in</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/review_window.py" line="215"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/review_window.py" line="227"/>
        <source>事项</source>
        <translation>Item</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/review_window.py" line="227"/>
        <source>标题</source>
        <translation>Title</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/review_window.py" line="227"/>
        <source>自查结果</source>
        <translation>Self-check result</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/review_window.py" line="227"/>
        <location filename="../../fazhi_desktop/ui/review_window.py" line="256"/>
        <source>审核意见</source>
        <translation>Verdict</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/review_window.py" line="227"/>
        <location filename="../../fazhi_desktop/ui/review_window.py" line="258"/>
        <source>审核得分</source>
        <translation>Review score</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/review_window.py" line="238"/>
        <source>（不改）</source>
        <translation>(unchanged)</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/review_window.py" line="239"/>
        <source>通过</source>
        <translation>Accepted</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/review_window.py" line="239"/>
        <source>退回修改</source>
        <translation>Returned for revision</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/review_window.py" line="243"/>
        <source>审核意见（退回修改时必填，单位据此修改）</source>
        <translation>Comment (required when returning; the unit revises by it)</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/review_window.py" line="247"/>
        <source>扣分理由（扣分时必填）</source>
        <translation>Reason for the deduction (required when deducting)</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/review_window.py" line="253"/>
        <location filename="../../fazhi_desktop/ui/review_window.py" line="470"/>
        <source>保存审核</source>
        <translation>Save review</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/review_window.py" line="257"/>
        <source>意见</source>
        <translation>Comment</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/review_window.py" line="273"/>
        <source>满分 {p:g}</source>
        <translation>out of {p:g}</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/review_window.py" line="289"/>
        <source>应报 {e} 个单位，已计入 {c} 个，未提交 {m} 个，未登记 {u} 个。</source>
        <translation>{e} units expected, {c} counted, {m} not reported, {u} unregistered.</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/review_window.py" line="294"/>
        <source> 最高 {max}，最低 {min}，平均 {mean}。</source>
        <translation> Highest {max}, lowest {min}, mean {mean}.</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/review_window.py" line="296"/>
        <source>排名</source>
        <translation>Rank</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/review_window.py" line="296"/>
        <source>单位</source>
        <translation>Unit</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/review_window.py" line="296"/>
        <source>版本</source>
        <translation>Version</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/review_window.py" line="296"/>
        <source>完成率</source>
        <translation>Complete</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/review_window.py" line="296"/>
        <source>等次</source>
        <translation>Grade</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/review_window.py" line="321"/>
        <source>（密钥未登记）</source>
        <translation> (key not registered)</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/review_window.py" line="387"/>
        <source>&lt;h4&gt;与第{n}版相比&lt;/h4&gt;</source>
        <translation>&lt;h4&gt;Compared with version {n}&lt;/h4&gt;</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/review_window.py" line="409"/>
        <source>未判定</source>
        <translation>Not judged</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/review_window.py" line="474"/>
        <source>已保存 {unit} 第 {item} 项的审核</source>
        <translation>Saved the review of item {item} of {unit}</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/review_window.py" line="485"/>
        <source>请先在全县情况表中选中一个单位</source>
        <translation>Select a unit in the county table first</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/review_window.py" line="489"/>
        <source>{unit}-退回.json</source>
        <translation>{unit}-return.json</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/review_window.py" line="496"/>
        <source>签名文件 (*.json)</source>
        <translation>Signed files (*.json)</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/review_window.py" line="501"/>
        <source>县司法局密钥</source>
        <translation>Justice bureau key</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/review_window.py" line="501"/>
        <source>县司法局密钥口令：</source>
        <translation>Justice bureau key passphrase:</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/review_window.py" line="525"/>
        <location filename="../../fazhi_desktop/ui/review_window.py" line="527"/>
        <source>签发回执</source>
        <translation>Issuing the receipt</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/review_window.py" line="527"/>
        <source>写出退回包</source>
        <translation>Writing the return</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/review_window.py" line="528"/>
        <source>正在签名……</source>
        <translation>Signing…</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/review_window.py" line="548"/>
        <source>已签发给 {unit} 的退回包：{p}（退回 {n} 项）</source>
        <translation>Return issued to {unit}: {p} ({n} item(s) returned)</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/review_window.py" line="553"/>
        <source>已签发回执：{p}</source>
        <translation>Receipt issued: {p}</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/review_window.py" line="568"/>
        <source>开始新一轮</source>
        <translation>Start a new round</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/review_window.py" line="577"/>
        <source>已开始新一轮审核：{title}（{plan}）{period}。此前收到的 {kept} 个上报包已留档，不计入本轮；此前未销号的 {carried} 项整改问题带入本轮</source>
        <translation>New review round started: {title} ({plan}) {period}. The {kept} package(s) received before stay on record and do not count in this round; {carried} open rectification item(s) carry into this round</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/review_window.py" line="593"/>
        <source>请写明新一轮审核的期间，如 2022年度、2022年上半年</source>
        <translation>Give the period of the new round, e.g. 2022年度 or 2022年上半年</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/review_window.py" line="595"/>
        <source>期间“{period}”的写法与单位程序不同（应为 2022年度、2022年上半年 或 2022年下半年 这样的写法）：单位上报包上的期间按这种写法，写法不同的一轮收不到任何上报包</source>
        <translation>The period &quot;{period}&quot; is not written the way the unit program writes it (it should read like 2022年度, 2022年上半年 or 2022年下半年): packages carry their period in that form, so a round spelt otherwise would receive no package</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/review_window.py" line="598"/>
        <source>本轮审核的已经是 {plan} {period}：新一轮请换一个期间（或另一份计划）</source>
        <translation>The current round already is {plan} {period}: choose another period (or another plan) for the new round</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/review_window.py" line="600"/>
        <source>{plan} {period} 是此前审核过的一轮（{started} 开始）：不能回到已结束的一轮，那一轮收到的上报包、审核意见和台账都已留档</source>
        <translation>{plan} {period} is an earlier round (started {started}): a round that has ended cannot be reopened; its packages, reviews and ledger stay on record</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/review_window.py" line="604"/>
        <source>{file} 由另一把密钥签名（指纹 {signer}），不是本县司法局的密钥（{bureau}）：未采用。请用本审核数据目录的县司法局密钥签名（plan sign）后再开始新一轮</source>
        <translation>{file} is signed by another key (fingerprint {signer}), not by this bureau&apos;s key ({bureau}): not used. Sign it with the bureau key of this reviewer data directory (plan sign), then start the new round</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/review_window.py" line="607"/>
        <source>没有编号为“{plan}”的计划；已有：{known}</source>
        <translation>There is no plan with the id &quot;{plan}&quot;; known plans: {known}</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/review_window.py" line="633"/>
        <source>选择U盘或文件夹</source>
        <translation>Choose a USB stick or folder</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/review_window.py" line="639"/>
        <source>正在导入并核验……</source>
        <translation>Importing and verifying…</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/review_window.py" line="641"/>
        <location filename="../../fazhi_desktop/ui/review_window.py" line="696"/>
        <source>导入上报包</source>
        <translation>Importing packages</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/review_window.py" line="653"/>
        <source>正在导入 {done}/{total} 个文件……</source>
        <translation>Importing file {done} of {total}…</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/review_window.py" line="662"/>
        <source>导入完成：{counts}</source>
        <translation>Import finished: {counts}</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/review_window.py" line="662"/>
        <source>没有找到上报包</source>
        <translation>no packages found</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/review_window.py" line="692"/>
        <source>已取消：已导入的上报包不受影响</source>
        <translation>Cancelled: packages already imported are kept</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/review_window.py" line="704"/>
        <source>汇总表.xlsx</source>
        <translation>summary.xlsx</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/review_window.py" line="705"/>
        <source>通报.pdf</source>
        <translation>bulletin.pdf</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/review_window.py" line="706"/>
        <source>整改台账.xlsx</source>
        <translation>ledger.xlsx</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/review_window.py" line="497"/>
        <location filename="../../fazhi_desktop/ui/review_window.py" line="709"/>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/review_window.py" line="286"/>
        <source>本轮：{title}（{plan}）{period}。</source>
        <translation>Current round: {title} ({plan}) {period}. </translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/review_window.py" line="495"/>
        <source>{unit}-第{n}版-回执.json</source>
        <translation>{unit}-version{n}-receipt.json</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/review_window.py" line="715"/>
        <location filename="../../fazhi_desktop/ui/review_window.py" line="721"/>
        <source>写出</source>
        <translation>Writing</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/review_window.py" line="720"/>
        <source>已写出：{p}</source>
        <translation>Written: {p}</translation>
    </message>
</context>
<context>
    <name>RolePage</name>
    <message>
        <location filename="../../fazhi_desktop/ui/first_run.py" line="60"/>
        <source>本机用途</source>
        <translation>What this computer is for</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/first_run.py" line="61"/>
        <source>这台电脑用来做什么？选定后不再询问。</source>
        <translation>What is this computer used for? You are asked only once.</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/first_run.py" line="62"/>
        <source>本单位自查：填写自查内容、上传佐证材料、生成上报包</source>
        <translation>Our unit&apos;s self-check: fill in the self-check, attach evidence, make the package</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/first_run.py" line="63"/>
        <source>司法局（审核）：导入各单位的上报包，审核、打分、汇总</source>
        <translation>Justice bureau (review): import the units&apos; packages, review, score and summarise</translation>
    </message>
</context>
<context>
    <name>RoundsDialog</name>
    <message>
        <location filename="../../fazhi_desktop/ui/review_rounds.py" line="19"/>
        <source>往轮审核</source>
        <translation>Past rounds</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/review_rounds.py" line="24"/>
        <source>县司法局历次审核的轮次（先开始的在前）。往轮收到的上报包、审核意见、回执和退回包都已留档；全县情况、汇总表和通报只计本轮。</source>
        <translation>The rounds the justice bureau has reviewed (the first one first). Packages, reviews, receipts and returns of past rounds stay on record; the county picture, the summary and the bulletin count the current round only.</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/review_rounds.py" line="29"/>
        <source>期间</source>
        <translation>Period</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/review_rounds.py" line="30"/>
        <source>计划</source>
        <translation>Plan</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/review_rounds.py" line="31"/>
        <source>计划版本</source>
        <translation>Plan version</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/review_rounds.py" line="32"/>
        <source>开始于</source>
        <translation>Started</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/review_rounds.py" line="33"/>
        <source>结束于</source>
        <translation>Ended</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/review_rounds.py" line="34"/>
        <source>计入单位</source>
        <translation>Units counted</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/review_rounds.py" line="35"/>
        <source>收到上报包</source>
        <translation>Packages received</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/review_rounds.py" line="43"/>
        <source>（本轮）</source>
        <translation>(current round)</translation>
    </message>
</context>
<context>
    <name>SetupWizard</name>
    <message>
        <location filename="../../fazhi_desktop/ui/setup_wizard.py" line="42"/>
        <source>单位设置</source>
        <translation>Unit settings</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/setup_wizard.py" line="63"/>
        <source>完成</source>
        <translation>Finish</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/setup_wizard.py" line="76"/>
        <source>更换单位</source>
        <translation>Change unit</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/setup_wizard.py" line="78"/>
        <source>本机登记的单位将由“{old}”改为“{new}”，需要填报的事项会随之改变，已填写的内容仍然保留。确定更换吗？</source>
        <translation>The unit registered here changes from “{old}” to “{new}”. The items to answer change with it; what was entered is kept. Change it?</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/setup_wizard.py" line="106"/>
        <source>正在创建签名密钥，请稍候…</source>
        <translation>Creating the signing key, please wait…</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/setup_wizard.py" line="107"/>
        <source>创建签名密钥</source>
        <translation>Creating the signing key</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/setup_wizard.py" line="130"/>
        <source>带入上一报告期的填报内容</source>
        <translation>Carry over the previous period’s answers</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/setup_wizard.py" line="132"/>
        <source>新报告期对照另一份计划。是否按下面的对应关系带入{label}的填报内容（作为草稿）？

</source>
        <translation>The new period answers another plan. Carry over the answers of {label} (as drafts) along the mapping below?

</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/setup_wizard.py" line="147"/>
        <source>签名密钥已创建</source>
        <translation>Signing key created</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/setup_wizard.py" line="149"/>
        <source>本单位的签名密钥已创建。
密钥指纹：{fp}
请牢记口令；建议用“文件 → 打开数据目录”把 keys 文件夹备份到U盘。</source>
        <translation>The unit’s signing key was created.
Key fingerprint: {fp}
Remember the passphrase; back up the “keys” folder to a USB stick (File → Open data folder).</translation>
    </message>
</context>
<context>
    <name>StartupChecks</name>
    <message>
        <location filename="../../fazhi_desktop/ui/startup_checks.py" line="87"/>
        <source>数据检查发现问题</source>
        <translation>The data check found problems</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/startup_checks.py" line="90"/>
        <source>数据库的问题可以用“文件 → 从备份恢复”处理。</source>
        <translation>Database problems can be fixed with “File → Restore from backup”.</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/startup_checks.py" line="97"/>
        <source>检查数据</source>
        <translation>Checking data</translation>
    </message>
</context>
<context>
    <name>TaskStatus</name>
    <message>
        <location filename="../../fazhi_desktop/ui/task_status.py" line="18"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/task_status.py" line="19"/>
        <source>停止正在进行的后台工作</source>
        <translation>Stop the work running in the background</translation>
    </message>
</context>
<context>
    <name>TextLimit</name>
    <message>
        <location filename="../../fazhi_desktop/ui/text_limit.py" line="35"/>
        <source>最多 {n} 字</source>
        <translation>At most {n} characters</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/text_limit.py" line="51"/>
        <source>最多 {n} 字，已截去超出部分</source>
        <translation>At most {n} characters; the excess was cut off</translation>
    </message>
</context>
<context>
    <name>UnitPage</name>
    <message>
        <location filename="../../fazhi_desktop/ui/wizard_pages.py" line="33"/>
        <source>本单位</source>
        <translation>Your unit</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/wizard_pages.py" line="34"/>
        <source>选择本单位，程序据此列出需要填报的事项。</source>
        <translation>Choose your unit; the program lists the items it must answer.</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/wizard_pages.py" line="37"/>
        <source>输入单位名称的任一写法，如“县发改局”，或本镇、街道名称，如“燕店镇”</source>
        <translation>Type any form of the unit’s name, e.g. “县发改局”, or your township’s name, e.g. “燕店镇”</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/wizard_pages.py" line="48"/>
        <source>可以在名录中点选，也可以直接输入。镇、街道不在名录中，直接输入名称即可。</source>
        <translation>Pick from the directory or type. Townships and subdistricts are not in the directory: just type the name.</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/wizard_pages.py" line="78"/>
        <source>请在上方输入或点选本单位。</source>
        <translation>Type or pick your unit above.</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/wizard_pages.py" line="84"/>
        <source>您是不是要找：{names}</source>
        <translation>Did you mean: {names}</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/wizard_pages.py" line="88"/>
        <source>找不到“{name}”。</source>
        <translation>No unit called “{name}”. </translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/wizard_pages.py" line="91"/>
        <source>{name}（镇、街道 · 按名称登记）</source>
        <translation>{name} (township or subdistrict, registered by name)</translation>
    </message>
    <message>
        <location filename="../../fazhi_desktop/ui/wizard_pages.py" line="102"/>
        <source>将登记为：{name}（{kind}）。须填报 {must} 项，可选 {optional} 项。</source>
        <translation>Will register as: {name} ({kind}). {must} items to answer, {optional} optional.</translation>
    </message>
</context>
</TS>
